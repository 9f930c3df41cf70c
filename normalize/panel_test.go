package normalize_test

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/normalize/regions"
)

// TestRealPanelKeys checks the keys a panel is joined on, on the real
// corpus: the region code of every document that names a region against
// the hand-made list (at least 90% right, none wrong), and department_id:
// one per department across years and files (the five Jiangsu
// departments of 2017–2019, Putuo's 万里街道 over three years), none
// shared by two departments.
func TestRealPanelKeys(t *testing.T) {
	dir := filepath.Join(sharedCorpus(t), "real")
	want := map[string]string{}
	f, err := os.Open(filepath.Join("testdata", "regions.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			place, code, _ := strings.Cut(l, "\t")
			want[place] = code
		}
	}
	f.Close()
	tab, err := regions.Load()
	if err != nil {
		t.Fatal(err)
	}
	r := defaultRules(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	named, right := 0, 0
	ids := map[string]map[string]bool{}   // department slug -> ids
	slugs := map[string]map[string]bool{} // id -> department slugs
	for _, path := range files {
		base := filepath.Base(path)
		parts := strings.SplitN(base, "_", 4)
		place, dept := parts[1], parts[1]+"/"+parts[2]
		doc, err := extract.Open(path, extract.Options{})
		if err != nil {
			continue
		}
		d, err := normalize.Document(doc, r, normalize.Options{ToolVersion: "test", Regions: tab})
		if err != nil {
			t.Fatal(err)
		}
		reg := d.Document.Region
		if reg.Province+reg.City+reg.County != "" {
			named++
			switch code := want[place]; {
			case reg.Code == code:
				right++
			case reg.Code != "":
				t.Errorf("%s: region code %s (%v), want %s", base, reg.Code, reg, code)
			default:
				t.Logf("%s: no region code for %+v (want %s)", base, reg, code)
			}
		}
		if id := d.Document.DepartmentID; id != "" {
			if ids[dept] == nil {
				ids[dept] = map[string]bool{}
			}
			ids[dept][id] = true
			if slugs[id] == nil {
				slugs[id] = map[string]bool{}
			}
			slugs[id][dept] = true
		}
	}
	if named == 0 || float64(right) < 0.9*float64(named) {
		t.Errorf("region codes right for %d of the %d documents that name a region", right, named)
	}
	t.Logf("region codes: %d of %d documents that name a region", right, named)
	jiangsu := map[string]bool{}
	for dept, set := range ids {
		if len(set) > 1 {
			t.Errorf("%s has %d department ids: %v", dept, len(set), keys(set))
		}
		if strings.HasPrefix(dept, "jiangsu/") {
			for id := range set {
				jiangsu[id] = true
			}
		}
	}
	if len(jiangsu) != 5 {
		t.Errorf("the Jiangsu documents give %d department ids, want 5: %v", len(jiangsu), keys(jiangsu))
	}
	if len(ids["sh-putuo/wanli-subdistrict"]) != 1 {
		t.Errorf("万里街道: %v", keys(ids["sh-putuo/wanli-subdistrict"]))
	}
	for id, depts := range slugs {
		// The Putuo finance bureau's budget and final account are one
		// department; so are a department's narrative and table files.
		if len(depts) > 1 {
			t.Errorf("%s is shared by %v", id, keys(depts))
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
