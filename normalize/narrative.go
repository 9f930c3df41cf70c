package normalize

import (
	"strings"

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
	texts := make([][]*rules.Text, len(secs))
	for i, s := range secs {
		for _, p := range s.Paragraphs {
			texts[i] = append(texts[i], rules.NewText(p))
		}
	}
	for _, rule := range r.Statements() {
		if st, ok := findStatement(secs, texts, rule); ok {
			stmts = append(stmts, st)
		}
	}
	return stmts
}

// findStatement reads the sections of the rule's topic first, then those
// with no known topic; a definition in the glossary is never a statement.
func findStatement(secs []schema.Section, texts [][]*rules.Text, rule rules.StatementRule) (schema.Statement, bool) {
	for _, pass := range []func(topic string) bool{
		func(t string) bool { return t == rule.Topic },
		func(t string) bool { return t == "" && rule.Topic != "" },
	} {
		for i, s := range secs {
			if !pass(s.Topic) {
				continue
			}
			for _, p := range texts[i] {
				text, amount, unit, ok := rule.FindText(p)
				if !ok {
					continue
				}
				v, err := decimal.Parse(strings.ReplaceAll(amount, ",", ""))
				if err != nil {
					continue
				}
				st := schema.Statement{
					Key: rule.Key, Topic: s.Topic, Section: i, Text: text,
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
