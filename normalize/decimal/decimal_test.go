package decimal

import "testing"

func TestParse(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"24487.92", "24487.92"},
		{"14,348,853.34", "14348853.34"},
		{"-58.69", "-58.69"},
		{"−1.5", "-1.5"},
		{"0.00", "0.00"},
		{"3416", "3416"},
		{" 12.345678 ", "12.345678"},
		{"95%", "95"},
	} {
		d, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if got := d.String(); got != c.want {
			t.Errorf("Parse(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"", "-", "1.2.3", "abc", "1,2.3,4", "12元"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
}

func TestArithmetic(t *testing.T) {
	a, b := MustParse("24487.92"), MustParse("845.01")
	if s := a.Add(b).String(); s != "25332.93" {
		t.Errorf("Add = %s", s)
	}
	if s := b.Sub(a).String(); s != "-23642.91" {
		t.Errorf("Sub = %s", s)
	}
	if s := MustParse("1.5").Add(MustParse("0.25")).String(); s != "1.75" {
		t.Errorf("mixed scale Add = %s", s)
	}
	if a.Cmp(b) != 1 || b.Cmp(a) != -1 || a.Cmp(MustParse("24487.920")) != 0 {
		t.Error("Cmp")
	}
	if s := a.Shift(4).Trim(); s != "244879200" {
		t.Errorf("Shift(4) = %s", s)
	}
	if s := MustParse("0.05").Shift(4).String(); s != "500" {
		t.Errorf("Shift = %s", s)
	}
	if s := MustParse("-0.00").Trim(); s != "0" {
		t.Errorf("Trim(-0.00) = %s", s)
	}
	if s := MustParse("0.01").Mul(3).String(); s != "0.03" {
		t.Errorf("Mul = %s", s)
	}
	if s := MustParse("12.5").Shift(-3).String(); s != "0.0125" {
		t.Errorf("Shift(-3) = %s", s)
	}
}
