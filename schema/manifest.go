package schema

// ManifestEntry is one line of manifest.jsonl, the record `cnbudget
// convert` keeps of every input it saw: a file, an archive member, a
// duplicate, a refused entry. Nothing is left out: the count of entries is
// the count of inputs.
type ManifestEntry struct {
	// Path is the input file (an archive's own path for its members).
	Path string `json:"path"`
	// Member is the path inside the archive; nested archives are joined
	// with "!/".
	Member string `json:"member,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
	// Type is what the content is: pdf, text (the TAB-separated text form
	// of a disclosure), plaintext, html, zip, tar, gzip, empty, office,
	// image or binary.
	Type string `json:"type,omitempty"`
	// Status is one of the Status… constants.
	Status string `json:"status"`
	// Reason says in words why the status is not ok, or what is missing.
	Reason   string `json:"reason,omitempty"`
	Pages    int    `json:"pages,omitempty"`
	Tables   int    `json:"tables,omitempty"`
	Projects int    `json:"projects,omitempty"`
	// Checks counts the identity checks evaluated, ChecksFailed those that
	// failed.
	Checks       int `json:"checks,omitempty"`
	ChecksFailed int `json:"checks_failed,omitempty"`
	// Seconds is the time spent on the file.
	Seconds float64 `json:"seconds,omitempty"`
	// File is the document of this input alone, under the output folder
	// (files/SHA256.json).
	File string `json:"file,omitempty"`
	// Output is the department-year document the input went into.
	Output string `json:"output,omitempty"`
	// DuplicateOf names the input with the same content that was
	// processed in its place.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Crashed marks an input that stopped the worker process converting
	// it (memory, stack, the deadline): a resumed run does not try it
	// again unless asked to.
	Crashed bool `json:"crashed,omitempty"`
	// Transient marks a failure that may not happen again (a full disk):
	// a resumed run tries the input again.
	Transient   bool   `json:"transient,omitempty"`
	ToolVersion string `json:"tool_version"`
}

// Statuses of a manifest entry.
const (
	// StatusOK: read and converted; tables or projects found.
	StatusOK = "ok"
	// StatusPartial: converted, but some pages could not be read or need
	// OCR.
	StatusPartial = "partial"
	// StatusNoTextLayer: images only; the file needs OCR.
	StatusNoTextLayer = "no_text_layer"
	// StatusTextUnreliable: the text layer cannot be trusted.
	StatusTextUnreliable = "text_unreliable"
	// StatusNotADisclosure: readable, but not a budget disclosure (an HTML
	// page saved as .pdf, a document without budget tables or title).
	StatusNotADisclosure = "not_a_disclosure"
	// StatusFailed: could not be read or converted (damaged, too large,
	// timed out, crashed); the reason says which.
	StatusFailed = "failed"
	// StatusSkipped: not read (an unsafe path in an archive, a link).
	StatusSkipped = "skipped"
)
