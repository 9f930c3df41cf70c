// Package decimal parses printed amounts into exact decimals and does the
// little arithmetic the identity checks need. No value ever passes through
// a float: "24,487.92" is the integer 2448792 at scale 2.
//
// In: printed strings ("24,487.92", "-58.69", "0.00", "1,264,602.38"). Out:
// Dec values that add, subtract, compare and print exactly.
package decimal

import (
	"fmt"
	"math/big"
	"strings"
)

// Dec is an exact decimal: Unscaled × 10^-Scale.
type Dec struct {
	unscaled big.Int
	scale    int
}

// Parse reads a printed amount. Thousands separators, a leading plus or
// minus sign (ASCII or U+2212), a trailing percent sign and surrounding
// white space are accepted.
func Parse(s string) (Dec, error) {
	var d Dec
	t := strings.TrimSpace(s)
	t = strings.TrimSuffix(t, "%")
	neg := false
	switch {
	case strings.HasPrefix(t, "-"):
		neg, t = true, t[1:]
	case strings.HasPrefix(t, "−"):
		neg, t = true, t[len("−"):]
	case strings.HasPrefix(t, "+"):
		t = t[1:]
	}
	if t == "" {
		return d, fmt.Errorf("decimal: %q is not a number", s)
	}
	var digits strings.Builder
	scale, seenDot := 0, false
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= '0' && c <= '9':
			digits.WriteByte(c)
			if seenDot {
				scale++
			}
		case c == ',' && !seenDot:
		case c == '.' && !seenDot:
			seenDot = true
		default:
			return d, fmt.Errorf("decimal: %q is not a number", s)
		}
	}
	if digits.Len() == 0 {
		return d, fmt.Errorf("decimal: %q is not a number", s)
	}
	d.unscaled.SetString(digits.String(), 10)
	if neg {
		d.unscaled.Neg(&d.unscaled)
	}
	d.scale = scale
	return d, nil
}

// MustParse is Parse for constants in tests and tables; it panics on error.
func MustParse(s string) Dec {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Scale returns the number of decimals d was printed with.
func (d Dec) Scale() int { return d.scale }

func (d Dec) rescaled(scale int) *big.Int {
	v := new(big.Int).Set(&d.unscaled)
	if scale > d.scale {
		v.Mul(v, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale-d.scale)), nil))
	}
	return v
}

// Add returns d + e at the larger of their scales.
func (d Dec) Add(e Dec) Dec {
	s := max(d.scale, e.scale)
	var r Dec
	r.unscaled.Add(d.rescaled(s), e.rescaled(s))
	r.scale = s
	return r
}

// Sub returns d - e at the larger of their scales.
func (d Dec) Sub(e Dec) Dec {
	s := max(d.scale, e.scale)
	var r Dec
	r.unscaled.Sub(d.rescaled(s), e.rescaled(s))
	r.scale = s
	return r
}

// Cmp compares d and e: -1, 0 or +1.
func (d Dec) Cmp(e Dec) int {
	s := max(d.scale, e.scale)
	return d.rescaled(s).Cmp(e.rescaled(s))
}

// Abs returns |d|.
func (d Dec) Abs() Dec {
	var r Dec
	r.unscaled.Abs(&d.unscaled)
	r.scale = d.scale
	return r
}

// Sign returns -1, 0 or +1.
func (d Dec) Sign() int { return d.unscaled.Sign() }

// IsZero reports whether d is zero.
func (d Dec) IsZero() bool { return d.unscaled.Sign() == 0 }

// Shift returns d × 10^n exactly (n may be negative).
func (d Dec) Shift(n int) Dec {
	var r Dec
	r.unscaled.Set(&d.unscaled)
	r.scale = d.scale - n
	if r.scale < 0 {
		r.unscaled.Mul(&r.unscaled, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-r.scale)), nil))
		r.scale = 0
	}
	return r
}

// Unit returns one unit of the last decimal place at scale s (0.01 for 2).
func Unit(s int) Dec {
	var r Dec
	r.unscaled.SetInt64(1)
	r.scale = s
	return r
}

// Mul returns d × k.
func (d Dec) Mul(k int64) Dec {
	var r Dec
	r.unscaled.Mul(&d.unscaled, big.NewInt(k))
	r.scale = d.scale
	return r
}

// String prints d with exactly its scale's decimals and no separators.
func (d Dec) String() string {
	s := new(big.Int).Abs(&d.unscaled).String()
	neg := d.unscaled.Sign() < 0
	if d.scale > 0 {
		if len(s) <= d.scale {
			s = strings.Repeat("0", d.scale-len(s)+1) + s
		}
		s = s[:len(s)-d.scale] + "." + s[len(s)-d.scale:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Trim prints d without trailing zero decimals ("244879200.00" → "244879200").
func (d Dec) Trim() string {
	s := d.String()
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// UnitShift is the power of ten that converts an amount unit to 元.
func UnitShift(unit string) (int, bool) {
	switch unit {
	case "元":
		return 0, true
	case "千元":
		return 3, true
	case "万元":
		return 4, true
	case "百万元":
		return 6, true
	case "亿元":
		return 8, true
	}
	return 0, false
}
