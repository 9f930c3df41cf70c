package export

import (
	"cmp"
	"strconv"

	"github.com/cnbudget/cnbudget/schema"
)

// Form is one self-evaluation form (绩效自评表) of a final account: its
// head, and its funds total (年度资金总额) read by role.
type Form struct {
	Document     string  `json:"document" parquet:"document"`
	Province     string  `json:"province" parquet:"province"`
	RegionCode   string  `json:"region_code" parquet:"region_code"`
	Department   string  `json:"department" parquet:"department"`
	DepartmentID string  `json:"department_id" parquet:"department_id"`
	Year         int     `json:"year" parquet:"year"`
	Stage        string  `json:"stage" parquet:"stage"`
	FormID       string  `json:"form_id" parquet:"form_id"`
	Kind         string  `json:"kind" parquet:"kind"`
	Title        string  `json:"title" parquet:"title"`
	ProjectName  string  `json:"project_name" parquet:"project_name"`
	Implementer  string  `json:"implementer" parquet:"implementer"`
	Pages        string  `json:"pages" parquet:"pages"`
	Unit         string  `json:"unit" parquet:"unit"`
	BudgetYuan   float64 `json:"budget_yuan" parquet:"budget_yuan"`
	AdjustedYuan float64 `json:"adjusted_budget_yuan" parquet:"adjusted_budget_yuan"`
	ActualYuan   float64 `json:"actual_yuan" parquet:"actual_yuan"`
	Rate         float64 `json:"rate" parquet:"rate"`
	Weight       float64 `json:"weight" parquet:"weight"`
	Score        float64 `json:"score" parquet:"score"`
	TotalWeight  string  `json:"total_weight" parquet:"total_weight"`
	TotalScore   string  `json:"total_score" parquet:"total_score"`
	Indicators   int     `json:"indicators" parquet:"indicators"`
	SourceFile   string  `json:"source_file" parquet:"source_file"`
	SourceSHA256 string  `json:"source_sha256" parquet:"source_sha256"`
}

// Indicator is one indicator row of a self-evaluation form.
type Indicator struct {
	Document         string  `json:"document" parquet:"document"`
	Province         string  `json:"province" parquet:"province"`
	RegionCode       string  `json:"region_code" parquet:"region_code"`
	DepartmentID     string  `json:"department_id" parquet:"department_id"`
	Year             int     `json:"year" parquet:"year"`
	Stage            string  `json:"stage" parquet:"stage"`
	FormID           string  `json:"form_id" parquet:"form_id"`
	ProjectName      string  `json:"project_name" parquet:"project_name"`
	Level1           string  `json:"level1" parquet:"level1"`
	Level2           string  `json:"level2" parquet:"level2"`
	Level3           string  `json:"level3" parquet:"level3"`
	Target           string  `json:"target" parquet:"target"`
	TargetComparator string  `json:"target_comparator" parquet:"target_comparator"`
	TargetNumber     string  `json:"target_number" parquet:"target_number"`
	TargetUnit       string  `json:"target_unit" parquet:"target_unit"`
	Actual           string  `json:"actual" parquet:"actual"`
	ActualNumber     string  `json:"actual_number" parquet:"actual_number"`
	ActualUnit       string  `json:"actual_unit" parquet:"actual_unit"`
	Weight           float64 `json:"weight" parquet:"weight"`
	Score            float64 `json:"score" parquet:"score"`
	Deviation        string  `json:"deviation" parquet:"deviation"`
	Page             int     `json:"page" parquet:"page"`
}

// Forms flattens the self-evaluation forms of one document.
func Forms(name string, d *schema.Document) ([]Form, []Indicator) {
	var forms []Form
	var inds []Indicator
	m := d.Document
	for _, e := range d.Evaluations {
		src := schema.Source{}
		if e.Source >= 0 && e.Source < len(d.Sources) {
			src = d.Sources[e.Source]
		}
		f := Form{Document: name, Province: m.Region.Province, RegionCode: m.Region.Code, Department: m.Department,
			DepartmentID: m.DepartmentID, Year: m.Year, Stage: m.Stage, FormID: e.ID, Kind: e.Kind, Title: e.Title,
			ProjectName: e.ProjectName, Implementer: e.Implementer, Pages: pages(e.Pages), Unit: e.Unit,
			TotalWeight: e.TotalWeight, TotalScore: e.TotalScore, Indicators: len(e.Indicators),
			SourceFile: src.File, SourceSHA256: src.SHA256}
		// The first funds row is the total (年度资金总额).
		if len(e.FundsValues) > 0 {
			for _, c := range e.FundsValues[0].Cells {
				v := num(cmp.Or(c.Yuan, c.Value))
				switch c.Role {
				case "budget":
					f.BudgetYuan = v
				case "adjusted_budget":
					f.AdjustedYuan = v
				case "actual":
					f.ActualYuan = v
				case "rate":
					f.Rate = num(c.Value)
				case "weight":
					f.Weight = num(c.Value)
				case "score":
					f.Score = num(c.Value)
				}
			}
		}
		forms = append(forms, f)
		for _, in := range e.Indicators {
			row := Indicator{Document: name, Province: m.Region.Province, RegionCode: m.Region.Code,
				DepartmentID: m.DepartmentID, Year: m.Year, Stage: m.Stage,
				FormID: e.ID, ProjectName: e.ProjectName, Level1: in.Level1, Level2: in.Level2, Level3: in.Level3,
				Target: in.Target, Actual: in.Actual, Weight: num(in.WeightValue), Score: num(in.ScoreValue),
				Deviation: in.Deviation, Page: in.Page}
			if t := in.TargetValue; t != nil {
				row.TargetComparator, row.TargetNumber, row.TargetUnit = t.Comparator, t.Number, t.Unit
			}
			if a := in.ActualValue; a != nil {
				row.ActualNumber, row.ActualUnit = a.Number, a.Unit
			}
			inds = append(inds, row)
		}
	}
	return forms, inds
}

func num(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}
