package tables

import "testing"

func TestListItem(t *testing.T) {
	for _, c := range []struct {
		in    string
		style string
		n     int
	}{
		{"十五、商业服务业等支出", "chinese、", 15},
		{"一、一般公共服务支出", "chinese、", 1},
		{"二十一、国有资本经营预算支出", "chinese、", 21},
		{"九十九、x", "chinese、", 99},
		{"（三）机关运行经费", "chinese（）", 3},
		{"(3)项目", "arabic()", 3},
		{"4、完成", "arabic、", 4},
		{"12.培训", "arabic.", 12},
		{"1.5万元", "", 0},
		{"2024年", "", 0},
		{"十分重要", "", 0},
		{"一般公共预算", "", 0},
		{"（三", "", 0},
		{"3）", "", 0},
		{"123、", "", 0},
		{"", "", 0},
	} {
		style, n, ok := listItem(c.in)
		if style != c.style || n != c.n || ok != (c.n > 0) {
			t.Errorf("listItem(%q) = %q %d %v, want %q %d", c.in, style, n, ok, c.style, c.n)
		}
	}
}
