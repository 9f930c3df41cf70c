package decimal

import (
	"math"
	"math/big"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"24487.92", "24487.92"},
		{"14,348,853.34", "14348853.34"},
		{"-58.69", "-58.69"},
		{"−1.5", "-1.5"},
		{"－100", "-100"},
		{"\u00AD86572.5", "-86572.5"},
		{"–3.20", "-3.20"},
		{"+7", "7"},
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
	for _, bad := range []string{"", "-", "－", "--1", "1.2.3", "abc", "1,2.3,4", "12元"} {
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

// TestAgainstBigRat checks the int64 fast paths against exact rational
// arithmetic, around and beyond the int64 range.
func TestAgainstBigRat(t *testing.T) {
	vals := []string{"0", "-0.00", "1", "-1", "0.01", "24487.92", "-845.013",
		"9223372036854775807", "-9223372036854775808", "922337203685477580.7",
		"99999999999999999999.99", "-123456789012345678901234567890", "0.000000000000000000001",
		"999999999999999999", "1000000000000000000", "-92233720368547758.08"}
	rat := func(d Dec) *big.Rat {
		r, ok := new(big.Rat).SetString(d.String())
		if !ok {
			t.Fatalf("%s does not parse back", d.String())
		}
		return r
	}
	for _, x := range vals {
		a := MustParse(x)
		if rat(a).Cmp(new(big.Rat).SetFrac(a.bigInt(), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(a.scale)), nil))) != 0 {
			t.Errorf("Parse(%s) = %s", x, a)
		}
		for _, y := range vals {
			b := MustParse(y)
			if got, want := rat(a.Add(b)), new(big.Rat).Add(rat(a), rat(b)); got.Cmp(want) != 0 {
				t.Errorf("%s + %s = %s, want %s", x, y, got.FloatString(30), want.FloatString(30))
			}
			if got, want := rat(a.Sub(b)), new(big.Rat).Sub(rat(a), rat(b)); got.Cmp(want) != 0 {
				t.Errorf("%s - %s = %s, want %s", x, y, got.FloatString(30), want.FloatString(30))
			}
			if got, want := a.Cmp(b), rat(a).Cmp(rat(b)); got != want {
				t.Errorf("Cmp(%s, %s) = %d, want %d", x, y, got, want)
			}
			if s := a.Add(b).Scale(); s != max(a.Scale(), b.Scale()) {
				t.Errorf("%s + %s has scale %d", x, y, s)
			}
		}
		for _, k := range []int64{0, 1, -1, 3, 10000, math.MaxInt64, math.MinInt64} {
			if got, want := rat(a.Mul(k)), new(big.Rat).Mul(rat(a), new(big.Rat).SetInt64(k)); got.Cmp(want) != 0 {
				t.Errorf("%s × %d = %s", x, k, got.FloatString(30))
			}
		}
		for _, n := range []int{-25, -3, 0, 2, 4, 8, 19, 25} {
			want := new(big.Rat).Mul(rat(a), new(big.Rat).SetFrac(big.NewInt(1), big.NewInt(1)))
			p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(n, -n))), nil))
			if n >= 0 {
				want.Mul(want, p)
			} else {
				want.Quo(want, p)
			}
			if got := rat(a.Shift(n)); got.Cmp(want) != 0 {
				t.Errorf("%s.Shift(%d) = %s", x, n, a.Shift(n))
			}
		}
		if got, want := rat(a.Abs()), new(big.Rat).Abs(rat(a)); got.Cmp(want) != 0 {
			t.Errorf("Abs(%s) = %s", x, a.Abs())
		}
		if a.Sign() != rat(a).Sign() || a.IsZero() != (rat(a).Sign() == 0) {
			t.Errorf("Sign(%s) = %d", x, a.Sign())
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("24,487.92", "-0.5")
	f.Add("99999999999999999999.99", "9223372036854775807")
	f.Fuzz(func(t *testing.T, x, y string) {
		a, err1 := Parse(x)
		b, err2 := Parse(y)
		if err1 != nil || err2 != nil {
			return
		}
		ra, _ := new(big.Rat).SetString(a.String())
		rb, _ := new(big.Rat).SetString(b.String())
		if ra == nil || rb == nil {
			t.Fatalf("String does not parse back: %q %q", a, b)
		}
		if got, _ := new(big.Rat).SetString(a.Add(b).String()); got == nil || got.Cmp(new(big.Rat).Add(ra, rb)) != 0 {
			t.Fatalf("%s + %s = %s", a, b, a.Add(b))
		}
		if got, _ := new(big.Rat).SetString(a.Sub(b).String()); got == nil || got.Cmp(new(big.Rat).Sub(ra, rb)) != 0 {
			t.Fatalf("%s - %s = %s", a, b, a.Sub(b))
		}
		want := a.String()
		if strings.Contains(want, ".") {
			want = strings.TrimRight(strings.TrimRight(want, "0"), ".")
		}
		if want == "-0" {
			want = "0"
		}
		if a.Trim() != want {
			t.Fatalf("Trim(%s) = %s, want %s", a, a.Trim(), want)
		}
		if a.Cmp(b) != ra.Cmp(rb) {
			t.Fatalf("Cmp(%s, %s)", a, b)
		}
	})
}

func TestDiv(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		scale int
		want  string
	}{
		{"326.55", "350.41", 4, "0.9319"},
		{"32655", "350.41", 2, "93.19"},
		{"1", "3", 2, "0.33"},
		{"2", "3", 2, "0.67"},
		{"-2", "3", 2, "-0.67"},
		{"5", "0", 2, "0.00"},
		{"180.03", "180.03", 2, "1.00"},
	} {
		if got := Div(MustParse(c.a), MustParse(c.b), c.scale).String(); got != c.want {
			t.Errorf("Div(%s, %s, %d) = %s, want %s", c.a, c.b, c.scale, got, c.want)
		}
	}
}
