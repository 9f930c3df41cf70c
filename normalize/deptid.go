package normalize

import (
	"strings"

	"github.com/cnbudget/cnbudget/normalize/regions"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/schema"
)

// DepartmentID is the stable key of a department across years and files:
// REGION:NAME, REGION the region's GB/T 2260 code ("x" when not resolved),
// NAME the department's name evened out (departmentName) with the names of
// its region taken off its start. "" when the document names no
// department.
func DepartmentID(m schema.Meta) string {
	name := departmentName(m.Department)
	if name == "" {
		return ""
	}
	for _, level := range []string{m.Region.Province, m.Region.City, m.Region.County} {
		name = trimPlace(name, level)
	}
	if name == "" {
		name = departmentName(m.Department)
	}
	code := m.Region.Code
	if code == "" {
		code = "x"
	}
	return code + ":" + name
}

// departmentName evens out the ways one department is printed across
// years and files: white space, full-width brackets, the markers of a
// consolidated or own-level budget, the party prefix, the long forms of
// the people's congress and the political consultative conference, and
// 委员会 shortened to 委.
func departmentName(name string) string {
	s := rules.Squeeze(name)
	s = strings.NewReplacer("（", "(", "）", ")", "〔", "(", "〕", ")").Replace(s)
	for _, m := range []string{"(本级)", "(汇总)", "(部门汇总)", "(部门)", "(机关)", "本级"} {
		s = strings.TrimSuffix(s, m)
	}
	s = strings.ReplaceAll(s, "中国共产党", "中共")
	s = strings.TrimPrefix(s, "中共")
	if rest, ok := strings.CutPrefix(s, "中国人民政治协商会议"); ok {
		s = strings.Replace(rest, "委员会", "政协", 1)
	}
	s = strings.ReplaceAll(s, "人民代表大会常务委员会", "人大常委会")
	s = strings.ReplaceAll(s, "人民代表大会", "人大")
	s = strings.ReplaceAll(s, "委员会", "委")
	return s
}

// trimPlace takes a place's name (or its short form: 江苏省 or 江苏) off
// the start of s.
func trimPlace(s, place string) string {
	if place == "" {
		return s
	}
	if rest, ok := strings.CutPrefix(s, place); ok {
		return rest
	}
	for _, suf := range []string{"维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"} {
		if short, ok := strings.CutSuffix(place, suf); ok && len([]rune(short)) >= 2 {
			if rest, ok := strings.CutPrefix(s, short); ok {
				return rest
			}
		}
	}
	return s
}

// resolveRegion gives a region read from a document its code and the
// names of the levels above its most specific one; it returns a warning
// when the name fits several divisions.
func resolveRegion(reg *schema.Region, year int, t *regions.Table) string {
	if t == nil {
		return ""
	}
	d, cands := t.Resolve(regions.Place{Province: reg.Province, City: reg.City, County: reg.County}, year)
	if d == nil {
		if len(cands) > 1 {
			var alt []string
			for _, c := range cands {
				var names []string
				for _, x := range c.Path() {
					names = append(names, x.Name)
				}
				alt = append(alt, strings.Join(names, "")+" "+c.Code)
			}
			return "region " + strings.Join(nonEmpty(reg.Province, reg.City, reg.County), " ") + " is ambiguous (" +
				strings.Join(alt, ", ") + "): no code given"
		}
		return ""
	}
	reg.Code = d.Code
	for _, x := range d.Path() {
		switch x.Level() {
		case 1:
			reg.Province = x.Name
		case 2:
			if reg.City == "" || d.Level() > 2 {
				reg.City = x.Name
			}
		case 3:
			if reg.County == "" {
				reg.County = x.Name
			}
		}
	}
	return ""
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
