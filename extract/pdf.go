package extract

import "fmt"

// readPDF reads a PDF document.
func readPDF(name string, data []byte, opt Options) (*Document, error) {
	_ = data
	_ = opt
	return nil, fmt.Errorf("%s: PDF input is not supported yet", name)
}
