package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
)

// salvage rebuilds the cross-reference data of a PDF from the objects its
// body holds, for a file that neither the object layer nor the repair can
// open: most often a truncated download, which has lost its cross-reference
// table, its trailer and its last objects. The objects found whole (and
// those inside whole object streams) get a cross-reference stream appended
// after the data; the trailer entries (/Root, /Info, /Encrypt, /ID) come
// from the last trailer or cross-reference stream the body still holds,
// else the catalog is looked for. It returns the new file and the number
// of objects found.
func salvage(data []byte) (out []byte, n int, err error) {
	defer func() {
		if x := recover(); x != nil {
			out, n, err = nil, 0, fmt.Errorf("salvage: %v", x)
		}
	}()
	objs := map[int]xrefEntry{}
	texts := map[int][]byte{} // the dictionaries of the objects found
	var streams []int         // whole object streams, by number
	catalog := -1             // the last catalog in file order
	maxNum := 0
	for _, h := range scanObjects(data) {
		objs[h.num] = xrefEntry{kind: 1, offset: h.start, gen: h.gen}
		texts[h.num] = h.dict(data)
		maxNum = max(maxNum, h.num)
		switch {
		case objStmType.Match(texts[h.num]):
			streams = append(streams, h.num)
		case catalogType.Match(texts[h.num]):
			catalog = h.num
		}
	}
	if len(objs) == 0 {
		return nil, 0, errors.New("no whole object in the file")
	}
	trailer := lastTrailer(data)
	encrypted := trailer.encrypt != ""
	// Objects kept in object streams (PDF 1.5+); an encrypted file's
	// streams cannot be read without the key.
	if !encrypted {
		for _, num := range streams {
			h := objs[num]
			nums, objTexts, err := objStmObjects(data, h.offset)
			if err != nil {
				continue
			}
			for i, n := range nums {
				if _, direct := objs[n]; !direct && n > 0 && n < 1<<24 {
					objs[n] = xrefEntry{kind: 2, offset: i, stream: num}
					texts[n] = objTexts[i]
					maxNum = max(maxNum, n)
					if catalog < 0 && catalogType.Match(objTexts[i]) {
						catalog = n
					}
				}
			}
		}
	}
	if encrypted && trailer.id == "" {
		return nil, 0, errors.New("encrypted, and the file identifier the key needs is lost")
	}
	// New objects are numbered past every number the objects found use or
	// refer to: a reference to a lost object must stay unresolved.
	for _, t := range texts {
		for _, m := range refRe.FindAllSubmatch(t, -1) {
			if n := atoi(m[1]); n > maxNum && n < 1<<22 {
				maxNum = n
			}
		}
	}
	// The catalog: the trailer's, else one found in the body, if its page
	// tree is there too. Otherwise a new catalog and a flat page tree of
	// the page objects found, in file order.
	root := trailer.root
	if _, ok := texts[refNum(root)]; !ok {
		root = ""
		if catalog >= 0 {
			root = fmt.Sprintf("%d %d R", catalog, objs[catalog].gen)
		}
	}
	var pageNums []int
	if m := pagesRef.FindSubmatch(texts[refNum(root)]); m == nil || texts[atoi(m[1])] == nil {
		for num, t := range texts {
			if pageType.Match(t) {
				pageNums = append(pageNums, num)
			}
		}
		if len(pageNums) == 0 {
			return nil, 0, errors.New("no page object left")
		}
		sort.Slice(pageNums, func(i, j int) bool { return pageOrder(objs[pageNums[i]]) < pageOrder(objs[pageNums[j]]) })
		root = ""
	}

	var buf bytes.Buffer
	buf.Grow(len(data) + 7*(maxNum+4) + 16*len(pageNums) + 256)
	buf.Write(data)
	buf.WriteString("\n")
	if root == "" {
		pagesNum, catNum := maxNum+1, maxNum+2
		objs[pagesNum] = xrefEntry{kind: 1, offset: buf.Len()}
		fmt.Fprintf(&buf, "%d 0 obj\n<< /Type /Pages /Count %d /Kids [", pagesNum, len(pageNums))
		for _, n := range pageNums {
			fmt.Fprintf(&buf, " %d %d R", n, objs[n].gen)
		}
		buf.WriteString(" ] >>\nendobj\n")
		objs[catNum] = xrefEntry{kind: 1, offset: buf.Len()}
		fmt.Fprintf(&buf, "%d 0 obj\n<< /Type /Catalog /Pages %d 0 R >>\nendobj\n", catNum, pagesNum)
		root = fmt.Sprintf("%d 0 R", catNum)
		maxNum = catNum
	}

	// The cross-reference stream: one 7-byte entry per object number.
	xrefNum := maxNum + 1
	xrefAt := buf.Len()
	entries := make([]byte, 7*(xrefNum+1))
	for n := 0; n <= xrefNum; n++ {
		e, ok := objs[n]
		b := entries[7*n : 7*n+7]
		switch {
		case n == xrefNum:
			b[0] = 1
			binary.BigEndian.PutUint32(b[1:5], uint32(xrefAt))
		case !ok:
			binary.BigEndian.PutUint16(b[5:7], 65535) // free
		case e.kind == 1:
			b[0] = 1
			binary.BigEndian.PutUint32(b[1:5], uint32(e.offset))
			binary.BigEndian.PutUint16(b[5:7], uint16(e.gen))
		default:
			b[0] = 2
			binary.BigEndian.PutUint32(b[1:5], uint32(e.stream))
			binary.BigEndian.PutUint16(b[5:7], uint16(e.offset))
		}
	}
	fmt.Fprintf(&buf, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root %s", xrefNum, xrefNum+1, root)
	if trailer.info != "" {
		if _, ok := objs[refNum(trailer.info)]; ok {
			fmt.Fprintf(&buf, " /Info %s", trailer.info)
		}
	}
	if encrypted {
		fmt.Fprintf(&buf, " /Encrypt %s /ID %s", trailer.encrypt, trailer.id)
	}
	fmt.Fprintf(&buf, " /Length %d >>\nstream\n", len(entries))
	buf.Write(entries)
	fmt.Fprintf(&buf, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefAt)
	if buf.Len() >= 1<<32 {
		return nil, 0, errors.New("file too large to rebuild")
	}
	return buf.Bytes(), len(objs), nil
}

// objHeader is an object found in the body: "num gen obj" at start.
type objHeader struct {
	num, gen, start, end int // end: just after its endobj
}

// dict returns the start of the object, up to its stream or its end.
func (h objHeader) dict(data []byte) []byte {
	b := data[h.start:h.end]
	if i := bytes.Index(b, []byte("stream")); i >= 0 {
		b = b[:i]
	}
	return b
}

var (
	objStmType  = regexp.MustCompile(`/Type\s*/ObjStm\b`)
	catalogType = regexp.MustCompile(`/Type\s*/Catalog\b`)
	pageType    = regexp.MustCompile(`/Type\s*/Page\b`)
	pagesRef    = regexp.MustCompile(`/Pages\s+(\d+)\s+\d+\s+R`)
	refRe       = regexp.MustCompile(`(\d+)\s+\d+\s+R\b`)
	headerRe    = regexp.MustCompile(`(\d{1,10})[ \t\r\n\f\x00]+(\d{1,5})[ \t\r\n\f\x00]+obj\b`)
)

// scanObjects finds the whole objects of a PDF body in file order: a
// header, and its endobj (after the endstream of a stream), with stream
// data skipped rather than searched.
func scanObjects(data []byte) []objHeader {
	var out []objHeader
	for pos := 0; pos < len(data); {
		loc := headerRe.FindSubmatchIndex(data[pos:])
		if loc == nil {
			break
		}
		start := pos + loc[0]
		body := pos + loc[1]
		if start > 0 && !isWhite(data[start-1]) && !isDelim(data[start-1]) {
			pos = pos + loc[1]
			continue
		}
		num, _ := strconv.Atoi(string(data[pos+loc[2] : pos+loc[3]]))
		gen, _ := strconv.Atoi(string(data[pos+loc[4] : pos+loc[5]]))
		end := objectEnd(data, body)
		if end < 0 {
			// No endobj: the file ends inside this object (or it is
			// broken); look for further objects after its header.
			pos = body
			continue
		}
		out = append(out, objHeader{num: num, gen: gen, start: start, end: end})
		pos = end
	}
	return out
}

// objectEnd returns the offset after the endobj that closes the object
// whose body starts at from, or -1.
func objectEnd(data []byte, from int) int {
	endobj := bytes.Index(data[from:], []byte("endobj"))
	st := bytes.Index(data[from:], []byte("stream"))
	if st >= 0 && (endobj < 0 || st < endobj) {
		es := bytes.Index(data[from+st:], []byte("endstream"))
		if es < 0 {
			return -1
		}
		after := from + st + es + len("endstream")
		e := bytes.Index(data[after:], []byte("endobj"))
		if e < 0 {
			return -1
		}
		return after + e + len("endobj")
	}
	if endobj < 0 {
		return -1
	}
	return from + endobj + len("endobj")
}

type trailerRefs struct {
	root, info, encrypt, id string
}

var (
	trailerKw = regexp.MustCompile(`trailer\s*<<|/Type\s*/XRef\b`)
	rootRef   = regexp.MustCompile(`/Root\s+(\d+\s+\d+\s+R)`)
	infoRef   = regexp.MustCompile(`/Info\s+(\d+\s+\d+\s+R)`)
	encRef    = regexp.MustCompile(`/Encrypt\s+(\d+\s+\d+\s+R)`)
	idArray   = regexp.MustCompile(`/ID\s*(\[\s*<[0-9A-Fa-f\s]*>\s*<[0-9A-Fa-f\s]*>\s*\])`)
)

// lastTrailer reads the references of the last trailer (or
// cross-reference stream dictionary) the body holds that names a /Root.
func lastTrailer(data []byte) trailerRefs {
	var t trailerRefs
	for _, loc := range trailerKw.FindAllIndex(data, -1) {
		d := data[loc[0]:min(len(data), loc[0]+2048)]
		m := rootRef.FindSubmatch(d)
		if m == nil {
			continue
		}
		t = trailerRefs{root: string(m[1])}
		if m := infoRef.FindSubmatch(d); m != nil {
			t.info = string(m[1])
		}
		if m := encRef.FindSubmatch(d); m != nil {
			t.encrypt = string(m[1])
		}
		if m := idArray.FindSubmatch(d); m != nil {
			t.id = string(m[1])
		}
	}
	return t
}

// xrefEntry is where an object is: at an offset of the file, or inside an
// object stream.
type xrefEntry struct {
	kind   byte // 1: at offset; 2: in object stream
	offset int  // kind 1: file offset; kind 2: index in the stream
	stream int  // kind 2: the object stream's number
	gen    int
}

// pageOrder orders page objects found in the body: direct objects by
// offset, then those inside object streams by stream and index.
func pageOrder(e xrefEntry) int {
	if e.kind == 1 {
		return e.offset
	}
	return 1<<40 + e.stream<<20 + e.offset
}

func atoi(b []byte) int {
	n, err := strconv.Atoi(string(b))
	if err != nil {
		return -1
	}
	return n
}

// refNum returns the object number of a reference "n g R" (-1 if none).
func refNum(ref string) int {
	f := bytes.Fields([]byte(ref))
	if len(f) != 3 {
		return -1
	}
	n, err := strconv.Atoi(string(f[0]))
	if err != nil {
		return -1
	}
	return n
}

var (
	firstRe  = regexp.MustCompile(`/First\s+(\d+)`)
	countRe  = regexp.MustCompile(`/N\s+(\d+)`)
	filterRe = regexp.MustCompile(`/Filter\s*(?:\[\s*)?/(\w+)`)
)

// objStmObjects returns the objects an object stream holds, in order:
// their numbers and texts, read from its (Flate or unfiltered) data.
func objStmObjects(data []byte, offset int) ([]int, [][]byte, error) {
	end := objectEnd(data, offset)
	if end < 0 {
		return nil, nil, errors.New("incomplete")
	}
	obj := data[offset:end]
	st := bytes.Index(obj, []byte("stream"))
	es := bytes.LastIndex(obj, []byte("endstream"))
	if st < 0 || es < st {
		return nil, nil, errors.New("no stream")
	}
	dict := obj[:st]
	if bytes.Contains(dict, []byte("/DecodeParms")) {
		return nil, nil, errors.New("predictors not handled")
	}
	n, first := 0, 0
	if m := countRe.FindSubmatch(dict); m != nil {
		n, _ = strconv.Atoi(string(m[1]))
	}
	if m := firstRe.FindSubmatch(dict); m != nil {
		first, _ = strconv.Atoi(string(m[1]))
	}
	if n <= 0 || n > 1<<20 || first <= 0 {
		return nil, nil, errors.New("bad header")
	}
	raw := obj[st+len("stream") : es]
	raw = bytes.TrimLeft(raw, "\r")
	raw = bytes.TrimPrefix(raw, []byte("\n"))
	var body []byte
	switch m := filterRe.FindSubmatch(dict); {
	case m == nil:
		body = raw
	case string(m[1]) == "FlateDecode":
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, nil, err
		}
		body, _ = io.ReadAll(io.LimitReader(zr, maxSalvageStream))
	default:
		return nil, nil, errors.New("filter not handled")
	}
	if len(body) < first {
		return nil, nil, errors.New("short stream")
	}
	f := bytes.Fields(body[:first])
	var nums, offs []int
	for i := 0; i+1 < len(f) && len(nums) < n; i += 2 {
		num, err1 := strconv.Atoi(string(f[i]))
		off, err2 := strconv.Atoi(string(f[i+1]))
		if err1 != nil || err2 != nil || off < 0 || first+off > len(body) {
			return nil, nil, errors.New("bad header")
		}
		nums = append(nums, num)
		offs = append(offs, first+off)
	}
	texts := make([][]byte, len(nums))
	for i, o := range offs {
		e := len(body)
		if i+1 < len(offs) && offs[i+1] >= o {
			e = offs[i+1]
		}
		texts[i] = body[o:e]
	}
	return nums, texts, nil
}

// maxSalvageStream bounds the inflated size of an object stream read here.
const maxSalvageStream = 64 << 20
