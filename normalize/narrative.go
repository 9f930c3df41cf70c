package normalize

import (
	"strings"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/normalize/decimal"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/normalize/tables"
	"github.com/cnbudget/cnbudget/schema"
)

// narrative turns stage two's sections into headed text blocks with their
// topic, and reads the amounts the text states.
func narrative(secs []tables.Section, r *rules.Rules) ([]schema.Section, []schema.Statement) {
	out := make([]schema.Section, 0, len(secs))
	for _, s := range secs {
		out = append(out, schema.Section{
			Heading:    s.Heading,
			Topic:      r.Topic(s.Heading),
			Paragraphs: nonNilStrings(s.Paragraphs),
			Pages:      nonNilInts(s.Pages),
		})
	}
	return out, statements(out, r)
}

// statements reads the amounts the narrative states, each once.
func statements(secs []schema.Section, r *rules.Rules) []schema.Statement {
	stmts := []schema.Statement{}
	paras := make([][]paragraph, len(secs))
	for i, s := range secs {
		for _, p := range s.Paragraphs {
			paras[i] = append(paras[i], paragraph{rules.NewText(p), paragraphTopic(p, s.Topic, r)})
		}
	}
	for _, rule := range r.Statements() {
		if st, ok := findStatement(paras, rule); ok {
			stmts = append(stmts, st)
		}
	}
	return stmts
}

// paragraph is a paragraph of the narrative, ready for matching, with its
// topic.
type paragraph struct {
	text  *rules.Text
	topic string
}

// paragraphTopic returns a paragraph's topic: its section's, or the one
// its own numbered lead names ((二)“三公”经费预算：2026 年… under a heading
// of other matters), outside the glossary.
func paragraphTopic(p, section string, r *rules.Rules) string {
	if section == "glossary" || !r.IsNumberedItem(p) {
		return section
	}
	lead, _, ok := strings.Cut(p, "：")
	if !ok || utf8.RuneCountInString(lead) > 30 {
		return section
	}
	if t := r.Topic(lead); t != "" && t != "glossary" {
		return t
	}
	return section
}

// findStatement reads the paragraphs of the rule's topic first, then those
// with no known topic; a definition in the glossary is never a statement.
func findStatement(paras [][]paragraph, rule rules.StatementRule) (schema.Statement, bool) {
	for _, pass := range []func(topic string) bool{
		func(t string) bool { return t == rule.Topic },
		func(t string) bool { return t == "" && rule.Topic != "" },
	} {
		for i := range paras {
			for _, pp := range paras[i] {
				if !pass(pp.topic) {
					continue
				}
				p := pp.text
				text, amount, unit, ok := rule.FindText(p)
				if !ok {
					continue
				}
				v, err := decimal.Parse(strings.ReplaceAll(amount, ",", ""))
				if err != nil {
					continue
				}
				st := schema.Statement{
					Key: rule.Key, Topic: pp.topic, Section: i, Text: text,
					Printed: amount + unit, Value: v.String(), Unit: unit,
				}
				switch {
				case strings.Contains(text, "决算"):
					st.Basis = "final_account"
				case strings.Contains(text, "预算"):
					st.Basis = "budget"
				}
				if shift, ok := decimal.UnitShift(unit); ok {
					st.Yuan = v.Shift(shift).Trim()
				}
				return st, true
			}
		}
	}
	return schema.Statement{}, false
}
