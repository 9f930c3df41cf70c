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
		code  string // "" for none
		path  string
		cands int // candidates when ambiguous
	}{
		{regions.Place{County: "永清县"}, "131023", "河北省 廊坊市 永清县", 0},
		{regions.Place{Province: "上海市", County: "普陀区"}, "310107", "上海市 普陀区", 0},
		{regions.Place{County: "普陀区"}, "", "", 2}, // 上海市 and 舟山市 have one
		{regions.Place{City: "舟山市", County: "普陀区"}, "330903", "浙江省 舟山市 普陀区", 0},
		{regions.Place{County: "朝阳区"}, "", "", 2},
		{regions.Place{Province: "北京市", County: "朝阳区"}, "110105", "北京市 朝阳区", 0},
		{regions.Place{City: "深圳市"}, "440300", "广东省 深圳市", 0},
		{regions.Place{Province: "江苏省"}, "320000", "江苏省", 0},
		{regions.Place{Province: "江苏", City: "苏州市"}, "320500", "江苏省 苏州市", 0},
		{regions.Place{City: "昆山市"}, "320583", "江苏省 苏州市 昆山市", 0}, // a county-level city
		{regions.Place{Province: "重庆市"}, "500000", "重庆市", 0},
		{regions.Place{Province: "浙江省", County: "永清县"}, "", "", 0}, // no such place
		{regions.Place{}, "", "", 0},
	} {
		d, cands := tab.Resolve(c.place)
		switch {
		case c.code == "" && d != nil:
			t.Errorf("%+v: %s %s, want none", c.place, d.Code, d.Name)
		case c.code != "" && (d == nil || d.Code != c.code):
			t.Errorf("%+v: %v, want %s", c.place, d, c.code)
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
