package regions_test

import (
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/normalize/regions"
)

func TestResolve(t *testing.T) {
	tab, err := regions.Load()
	if err != nil {
		t.Fatal(err)
	}
	if tab.Len() < 3000 {
		t.Fatalf("%d divisions", tab.Len())
	}
	for _, c := range []struct {
		place regions.Place
		year  int
		code  string // "" for none
		path  string
		cands int // candidates when ambiguous
	}{
		{regions.Place{County: "永清县"}, 0, "131023", "河北省 廊坊市 永清县", 0},
		{regions.Place{Province: "上海市", County: "普陀区"}, 0, "310107", "上海市 普陀区", 0},
		{regions.Place{County: "普陀区"}, 0, "", "", 2}, // 上海市 and 舟山市 have one
		{regions.Place{City: "舟山市", County: "普陀区"}, 0, "330903", "浙江省 舟山市 普陀区", 0},
		{regions.Place{County: "朝阳区"}, 0, "", "", 2},
		{regions.Place{Province: "北京市", County: "朝阳区"}, 0, "110105", "北京市 朝阳区", 0},
		{regions.Place{City: "深圳市"}, 0, "440300", "广东省 深圳市", 0},
		{regions.Place{Province: "江苏省"}, 0, "320000", "江苏省", 0},
		{regions.Place{Province: "江苏", City: "苏州市"}, 0, "320500", "江苏省 苏州市", 0},
		{regions.Place{City: "昆山市"}, 0, "320583", "江苏省 苏州市 昆山市", 0}, // a county-level city
		{regions.Place{Province: "重庆市"}, 0, "500000", "重庆市", 0},
		{regions.Place{Province: "浙江省", County: "永清县"}, 0, "", "", 0}, // no such place
		{regions.Place{}, 0, "", "", 0},
		{regions.Place{City: "东莞市"}, 0, "441900", "广东省 东莞市", 0}, // a city without counties
		// Renamed and merged (撤县设区): the name valid in the year.
		{regions.Place{City: "邢台市", County: "任县"}, 2018, "130526", "河北省 邢台市 任县", 0},
		{regions.Place{County: "任泽区"}, 2021, "130505", "河北省 邢台市 任泽区", 0},
		// Printed after the change (the releases are dated mid- or
		// late-year): the division of that name, of its time.
		{regions.Place{County: "任县"}, 2020, "130526", "河北省 邢台市 任县", 0},
		// 桥东区: 张家口's today; 邢台's until 2019 (now 襄都区).
		{regions.Place{County: "桥东区"}, 2024, "130702", "河北省 张家口市 桥东区", 0},
		{regions.Place{County: "桥东区"}, 2018, "", "", 2},
		{regions.Place{City: "邢台市", County: "桥东区"}, 2018, "130502", "河北省 邢台市 桥东区", 0},
	} {
		d, cands := tab.Resolve(c.place, c.year)
		switch {
		case c.code == "" && d != nil:
			t.Errorf("%+v: %s %s, want none", c.place, d.Code, d.Name)
		case c.code != "" && (d == nil || d.Code != c.code):
			t.Errorf("%+v in %d: %v, want %s", c.place, c.year, d, c.code)
		case d != nil:
			var names []string
			for _, x := range d.Path() {
				names = append(names, x.Name)
			}
			if got := strings.Join(names, " "); got != c.path {
				t.Errorf("%+v: path %q, want %q", c.place, got, c.path)
			}
		case len(cands) != c.cands:
			t.Errorf("%+v: %d candidates, want %d", c.place, len(cands), c.cands)
		}
	}
}

// TestTableShape checks every division of every year: a parent one level
// up (or a placeholder between), listed in the same years, no cycle.
func TestTableShape(t *testing.T) {
	tab, err := regions.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range tab.All() {
		steps := 0
		for x := d; x.Parent != nil; x = x.Parent {
			if x.Parent.Level() >= x.Level() {
				t.Errorf("%s %s: parent %s %s is not above it", x.Code, x.Name, x.Parent.Code, x.Parent.Name)
				break
			}
			if steps++; steps > 3 {
				t.Errorf("%s %s: more than three levels above it", d.Code, d.Name)
				break
			}
		}
		if d.From != 0 && d.To != 0 && d.From > d.To {
			t.Errorf("%s %s: listed from %d to %d", d.Code, d.Name, d.From, d.To)
		}
	}
}
