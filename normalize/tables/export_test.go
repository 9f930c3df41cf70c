package tables

// Internals for the external tests.
var LineHasNumber = lineHasNumber
