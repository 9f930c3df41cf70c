// Package decimal parses printed amounts into exact decimals and does the
// little arithmetic the identity checks need. No value ever passes through
// a float: "24,487.92" is the integer 2448792 at scale 2.
//
// In: printed strings ("24,487.92", "-58.69", "0.00", "1,264,602.38"). Out:
// Dec values that add, subtract, compare and print exactly.
package decimal

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// Dec is an exact decimal: an unscaled integer × 10^-scale. The integer is
// kept in an int64 while it fits (every amount of a budget table does) and
// in a big.Int beyond, so that nothing ever overflows.
type Dec struct {
	small int64
	large *big.Int // the unscaled value when it does not fit small; never modified
	scale int
}

// pow10 holds 10^0 … 10^18, the powers that fit an int64.
var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

func fromBig(v *big.Int, scale int) Dec {
	if v.IsInt64() {
		return Dec{small: v.Int64(), scale: scale}
	}
	return Dec{large: v, scale: scale}
}

// bigInt returns the unscaled value as a new big.Int.
func (d Dec) bigInt() *big.Int {
	if d.large != nil {
		return new(big.Int).Set(d.large)
	}
	return big.NewInt(d.small)
}

// CutSign cuts a leading sign off a printed amount: plus, or a minus as
// documents print it (hyphen-minus, the minus sign U+2212, the full-width
// －, a hyphen or en dash, a drawn soft hyphen); neg tells a minus.
func CutSign(s string) (rest string, neg bool) {
	switch {
	case s == "" || s[0] >= '0' && s[0] <= '9':
		return s, false
	case s[0] == '+':
		return s[1:], false
	case s[0] == '-':
		return s[1:], true
	case s[0] < 0x80:
		return s, false
	}
	for _, m := range []string{"−", "－", "‐", "‑", "–", "\u00AD"} {
		if rest, ok := strings.CutPrefix(s, m); ok {
			return rest, true
		}
	}
	return s, false
}

// Parse reads a printed amount. Thousands separators, a leading plus or
// minus sign (CutSign), a trailing percent sign and surrounding white
// space are accepted.
func Parse(s string) (Dec, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimSuffix(t, "%")
	t, neg := CutSign(t)
	var v uint64
	n, scale, seenDot := 0, 0, false
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= '0' && c <= '9':
			if n < 18 {
				v = v*10 + uint64(c-'0')
			}
			n++
			if seenDot {
				scale++
			}
		case c == ',' && !seenDot:
		case c == '.' && !seenDot:
			seenDot = true
		default:
			return Dec{}, fmt.Errorf("decimal: %q is not a number", s)
		}
	}
	if n == 0 {
		return Dec{}, fmt.Errorf("decimal: %q is not a number", s)
	}
	if n > 18 { // beyond int64: read the digits again into a big.Int
		digits := make([]byte, 0, n)
		for i := 0; i < len(t); i++ {
			if c := t[i]; c >= '0' && c <= '9' {
				digits = append(digits, c)
			}
		}
		b, _ := new(big.Int).SetString(string(digits), 10)
		if neg {
			b.Neg(b)
		}
		return fromBig(b, scale), nil
	}
	d := Dec{small: int64(v), scale: scale}
	if neg {
		d.small = -d.small
	}
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

// rescaled returns d's unscaled value at a scale ≥ d.scale, as an int64
// when it fits.
func (d Dec) rescaled(scale int) (int64, bool) {
	if d.large != nil {
		return 0, false
	}
	k := scale - d.scale
	if k == 0 {
		return d.small, true
	}
	if k >= len(pow10) {
		return 0, d.small == 0
	}
	hi, lo := bits.Mul64(abs64(d.small), uint64(pow10[k]))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if d.small < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}

func abs64(v int64) uint64 {
	if v < 0 {
		return uint64(-v) // -MinInt64 wraps to itself: as uint64 it is right
	}
	return uint64(v)
}

func (d Dec) rescaledBig(scale int) *big.Int {
	v := d.bigInt()
	if scale > d.scale {
		v.Mul(v, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale-d.scale)), nil))
	}
	return v
}

// Add returns d + e at the larger of their scales.
func (d Dec) Add(e Dec) Dec {
	s := max(d.scale, e.scale)
	a, ok1 := d.rescaled(s)
	b, ok2 := e.rescaled(s)
	if ok1 && ok2 {
		if r := a + b; (r > a) == (b > 0) {
			return Dec{small: r, scale: s}
		}
	}
	return fromBig(new(big.Int).Add(d.rescaledBig(s), e.rescaledBig(s)), s)
}

// Sub returns d - e at the larger of their scales.
func (d Dec) Sub(e Dec) Dec {
	s := max(d.scale, e.scale)
	a, ok1 := d.rescaled(s)
	b, ok2 := e.rescaled(s)
	if ok1 && ok2 {
		if r := a - b; (r < a) == (b > 0) {
			return Dec{small: r, scale: s}
		}
	}
	return fromBig(new(big.Int).Sub(d.rescaledBig(s), e.rescaledBig(s)), s)
}

// Cmp compares d and e: -1, 0 or +1.
func (d Dec) Cmp(e Dec) int {
	s := max(d.scale, e.scale)
	a, ok1 := d.rescaled(s)
	b, ok2 := e.rescaled(s)
	if ok1 && ok2 {
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	}
	return d.rescaledBig(s).Cmp(e.rescaledBig(s))
}

// Abs returns |d|.
func (d Dec) Abs() Dec {
	if d.large != nil {
		return fromBig(new(big.Int).Abs(d.large), d.scale)
	}
	if d.small == math.MinInt64 {
		return fromBig(new(big.Int).Abs(big.NewInt(d.small)), d.scale)
	}
	if d.small < 0 {
		return Dec{small: -d.small, scale: d.scale}
	}
	return d
}

// Sign returns -1, 0 or +1.
func (d Dec) Sign() int {
	switch {
	case d.large != nil:
		return d.large.Sign()
	case d.small < 0:
		return -1
	case d.small > 0:
		return 1
	}
	return 0
}

// IsZero reports whether d is zero.
func (d Dec) IsZero() bool { return d.Sign() == 0 }

// Shift returns d × 10^n exactly (n may be negative).
func (d Dec) Shift(n int) Dec {
	r := d
	r.scale = d.scale - n
	if r.scale < 0 {
		if v, ok := (Dec{small: d.small, large: d.large}).rescaled(-r.scale); ok {
			return Dec{small: v}
		}
		return fromBig(Dec{small: d.small, large: d.large}.rescaledBig(-r.scale), 0)
	}
	return r
}

// Unit returns one unit of the last decimal place at scale s (0.01 for 2).
func Unit(s int) Dec { return Dec{small: 1, scale: s} }

// Mul returns d × k.
func (d Dec) Mul(k int64) Dec {
	if d.large == nil {
		hi, lo := bits.Mul64(abs64(d.small), abs64(k))
		if hi == 0 && lo <= math.MaxInt64 {
			v := int64(lo)
			if (d.small < 0) != (k < 0) {
				v = -v
			}
			return Dec{small: v, scale: d.scale}
		}
	}
	return fromBig(new(big.Int).Mul(d.bigInt(), big.NewInt(k)), d.scale)
}

// String prints d with exactly its scale's decimals and no separators.
func (d Dec) String() string { return string(d.appendTo(make([]byte, 0, 24), false)) }

// Trim prints d without trailing zero decimals ("244879200.00" → "244879200").
func (d Dec) Trim() string { return string(d.appendTo(make([]byte, 0, 24), true)) }

// appendTo appends d's digits to b, with a decimal point before the last
// scale digits; trim drops trailing zero decimals (and the sign of zero).
func (d Dec) appendTo(b []byte, trim bool) []byte {
	var digits []byte
	var buf [20]byte
	if d.large != nil {
		digits = new(big.Int).Abs(d.large).Append(buf[:0], 10)
	} else {
		digits = strconv.AppendUint(buf[:0], abs64(d.small), 10)
	}
	if d.Sign() < 0 {
		b = append(b, '-')
	}
	if d.scale <= 0 {
		return append(b, digits...)
	}
	for len(digits) <= d.scale { // 0.05: pad with zeros before the point
		digits = append([]byte{'0'}, digits...)
	}
	whole, frac := digits[:len(digits)-d.scale], digits[len(digits)-d.scale:]
	if trim {
		for len(frac) > 0 && frac[len(frac)-1] == '0' {
			frac = frac[:len(frac)-1]
		}
	}
	b = append(b, whole...)
	if len(frac) > 0 {
		b = append(append(b, '.'), frac...)
	}
	return b
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

// Div returns a / b rounded half away from zero to scale decimals (a
// ratio for a percentage check); zero when b is zero.
func Div(a, b Dec, scale int) Dec {
	if b.IsZero() {
		return Dec{scale: scale}
	}
	// a/b = (ua·10^-sa) / (ub·10^-sb); scaled to 10^scale:
	// q = ua · 10^(scale + sb − sa) / ub.
	num, den := a.bigInt(), b.bigInt()
	if e := scale + b.scale - a.scale; e >= 0 {
		num.Mul(num, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil))
	} else {
		den.Mul(den, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-e)), nil))
	}
	neg := (num.Sign() < 0) != (den.Sign() < 0)
	num.Abs(num)
	den.Abs(den)
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Lsh(r, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return fromBig(q, scale)
}
