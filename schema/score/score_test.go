package score

import "testing"

func TestPair(t *testing.T) {
	truth := []string{"", "合计", "", "96282213.44"}
	for _, c := range []struct {
		out   []string
		equal int
		exact bool
	}{
		{[]string{"", "合计", "", "96282213.44"}, 4, true},
		// A merged label may sit in any column of its span.
		{[]string{"合计", "", "", "96282213.44"}, 4, true},
		{[]string{"", "合 计", "", "96282213.44"}, 4, true},
		// A number must sit in its own column.
		{[]string{"", "合计", "96282213.44", ""}, 2, false},
		{[]string{"", "合计", "", "96282213.44", "x"}, 4, false},
	} {
		eq, ex := pair(truth, c.out)
		if eq != c.equal || ex != c.exact {
			t.Errorf("pair(%q) = %d %v, want %d %v", c.out, eq, ex, c.equal, c.exact)
		}
	}
}

func TestCompareRowsAlignment(t *testing.T) {
	want := [][]string{{"1", "a", "1.00"}, {"2", "b", "2.00"}, {"3", "c", "3.00"}}
	got := [][]string{{"1", "a", "1.00"}, {"序号", "项目", "金额"}, {"2", "b", "2.50"}, {"3", "c", "3.00"}}
	c, misses := compareRows(want, got)
	if c.ExactRows != 2 || c.TruthRows != 3 || c.OutRows != 4 || c.EqualCells != 8 || c.TruthCells != 9 {
		t.Errorf("counts = %+v", c)
	}
	if len(misses) != 1 || misses[0].Truth[0] != "2" {
		t.Errorf("misses = %q", misses)
	}
	if r := c.Recall(); r < 0.66 || r > 0.67 {
		t.Errorf("recall = %v", r)
	}
}

func TestFillDown(t *testing.T) {
	got := fillDown([][]string{{"产出指标", "数量指标", "a"}, {"", "质量指标", "b"}, {"", "", "c"}})
	if got[1][0] != "产出指标" || got[2][0] != "产出指标" || got[2][1] != "质量指标" {
		t.Errorf("fillDown = %q", got)
	}
}
