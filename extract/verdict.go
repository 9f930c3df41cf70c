package extract

// documentVerdict sums up the page verdicts: the document is ok when every
// page that has any content is ok, no_text_layer when no page has text but
// some have images, text_unreliable when most text pages are unreliable.
func documentVerdict(pages []Page) Verdict {
	var ok, noText, unreliable, content int
	for _, p := range pages {
		switch p.Verdict {
		case VerdictOK:
			ok++
			content++
		case VerdictNoTextLayer:
			noText++
			content++
		case VerdictTextUnreliable:
			unreliable++
			content++
		case VerdictError:
			content++
		}
	}
	switch {
	case content == 0:
		return VerdictBlank
	case ok == 0 && unreliable == 0 && noText > 0:
		return VerdictNoTextLayer
	case unreliable > 0 && unreliable*2 >= ok+unreliable:
		return VerdictTextUnreliable
	case ok == 0:
		return VerdictError
	}
	return VerdictOK
}
