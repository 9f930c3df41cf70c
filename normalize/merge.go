package normalize

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cnbudget/cnbudget/normalize/checks"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/schema"
)

// Group sorts documents of single files into the groups that make one
// output each: the files of one department, year and stage (a narrative
// PDF and a table PDF published apart, copies of one document). A file
// that does not say its department or year is a group of its own; one
// that does not say its scope (部门/单位) joins the group of its
// department-year when that group has a single scope. Groups and their
// members come in a stable order, whatever the order of docs.
func Group(docs []*schema.Document) [][]*schema.Document {
	type key struct{ year, stage, dept string }
	byKey := map[key][]*schema.Document{}
	var alone [][]*schema.Document
	for _, d := range docs {
		m := d.Document
		dept := DepartmentKey(m.Department)
		if dept == "" || m.Year == 0 {
			alone = append(alone, []*schema.Document{d})
			continue
		}
		k := key{fmt.Sprint(m.Year), m.Stage, dept}
		byKey[k] = append(byKey[k], d)
	}
	var groups [][]*schema.Document
	for _, ds := range byKey {
		scopes := map[string][]*schema.Document{}
		var unknown []*schema.Document
		for _, d := range ds {
			if s := d.Document.Scope; s != "" {
				scopes[s] = append(scopes[s], d)
			} else {
				unknown = append(unknown, d)
			}
		}
		switch len(scopes) {
		case 0:
			groups = append(groups, unknown)
		case 1:
			for _, g := range scopes {
				groups = append(groups, append(g, unknown...))
			}
		default:
			for _, g := range scopes {
				groups = append(groups, g)
			}
			if len(unknown) > 0 {
				groups = append(groups, unknown)
			}
		}
	}
	groups = append(groups, alone...)
	for _, g := range groups {
		sort.Slice(g, func(i, j int) bool { return sourceLess(g[i], g[j]) })
	}
	sort.Slice(groups, func(i, j int) bool { return sourceLess(groups[i][0], groups[j][0]) })
	return groups
}

// sourceLess orders documents by their first source: path, member, hash.
func sourceLess(a, b *schema.Document) bool {
	sa, sb := a.Sources[0], b.Sources[0]
	if sa.File != sb.File {
		return sa.File < sb.File
	}
	if sa.Member != sb.Member {
		return sa.Member < sb.Member
	}
	return sa.SHA256 < sb.SHA256
}

// DepartmentKey evens out the ways one department is named: the party
// prefix (中共, 中国共产党), 委员会 shortened to 委, full-width brackets,
// white space. Files whose keys are equal belong to one department.
func DepartmentKey(name string) string {
	s := rules.Squeeze(name)
	for _, p := range []string{"中国共产党", "中共"} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.ReplaceAll(s, "委员会", "委")
	s = strings.NewReplacer("（", "(", "）", ")").Replace(s)
	return s
}

// Merge makes one document of a group of single-file documents: their
// sources listed in order, the content of each added once (a file whose
// text repeats an earlier one is marked as its copy, and a table, project
// or self-evaluation form already read from another file is not added
// again), the metadata completed from all, and the statements and checks
// computed again over the whole, so that the narrative of one file is checked
// against the tables of another.
func Merge(docs []*schema.Document, r *rules.Rules) *schema.Document {
	if len(docs) == 1 {
		return docs[0]
	}
	out := &schema.Document{
		Schema:      docs[0].Schema,
		Tool:        docs[0].Tool,
		Sources:     []schema.Source{},
		Tables:      []schema.Table{},
		Projects:    []schema.Project{},
		Evaluations: []schema.Evaluation{},
		Narrative:   []schema.Section{},
		Statements:  []schema.Statement{},
		Checks:      []schema.Check{},
		Warnings:    []string{},
	}
	seenText := map[string]int{}
	seenTable := map[string]string{}
	seenProject := map[string]bool{}
	seenForm := map[string]bool{}
	for _, d := range docs {
		base := len(out.Sources)
		for _, s := range d.Sources {
			if i, ok := seenText[s.Fingerprint]; ok && s.Fingerprint != "" {
				s.CopyOf = &i
			} else {
				seenText[s.Fingerprint] = len(out.Sources)
			}
			out.Sources = append(out.Sources, s)
		}
		if len(d.Sources) == 1 && out.Sources[base].CopyOf != nil {
			continue // a copy: its content is there already
		}
		mergeMeta(&out.Document, d.Document)
		for _, t := range d.Tables {
			t.Source += base
			key := t.Kind + "\x00" + fmt.Sprint(t.Rows)
			if id, ok := seenTable[key]; ok {
				out.Warnings = append(out.Warnings, fmt.Sprintf("%s: table %q repeats %s of another file; kept once", out.Sources[t.Source].File, t.Title, id))
				continue
			}
			t.ID = fmt.Sprintf("t%02d", len(out.Tables)+1)
			seenTable[key] = t.ID
			out.Tables = append(out.Tables, t)
		}
		for _, p := range d.Projects {
			p.Source += base
			key := p.Code + "\x00" + p.Name + "\x00" + fmt.Sprint(p.Indicators)
			if seenProject[key] {
				continue
			}
			seenProject[key] = true
			out.Projects = append(out.Projects, p)
		}
		for _, e := range d.Evaluations {
			e.Source += base
			key := e.Kind + "\x00" + e.ProjectName + "\x00" + fmt.Sprint(e.Funds, e.Indicators)
			if seenForm[key] {
				continue
			}
			seenForm[key] = true
			e.ID = fmt.Sprintf("e%02d", len(out.Evaluations)+1)
			out.Evaluations = append(out.Evaluations, e)
		}
		for _, s := range d.Narrative {
			s.Source += base
			out.Narrative = append(out.Narrative, s)
		}
		for _, w := range d.Warnings {
			out.Warnings = append(out.Warnings, d.Sources[0].File+": "+w)
		}
	}
	out.Document.DepartmentID = DepartmentID(out.Document)
	out.Statements = statements(out.Narrative, r)
	out.Checks = checks.Run(out, r)
	return out
}

// mergeMeta fills the empty fields of m from n.
func mergeMeta(m *schema.Meta, n schema.Meta) {
	fill := func(a *string, b string) {
		if *a == "" {
			*a = b
		}
	}
	fill(&m.Title, n.Title)
	fill(&m.Department, n.Department)
	fill(&m.DepartmentCode, n.DepartmentCode)
	fill(&m.Scope, n.Scope)
	fill(&m.Stage, n.Stage)
	fill(&m.Unit, n.Unit)
	fill(&m.Region.Province, n.Region.Province)
	fill(&m.Region.City, n.Region.City)
	fill(&m.Region.County, n.Region.County)
	fill(&m.Region.Code, n.Region.Code)
	if m.Year == 0 {
		m.Year = n.Year
	}
}
