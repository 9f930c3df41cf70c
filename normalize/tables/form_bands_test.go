package tables_test

import (
	"fmt"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
)

// TestUnruledFormBands reads a project form as Chromium prints it with its
// rules not drawn (f1_d04 of the synthetic finals): the rows of the funds
// grid follow each other without space, a row's label wraps above and
// below its figures, the block's label (项目资金（万元）) is merged over the
// rows in a column of its own, its lines between theirs, the narrow
// labels of the indicator table (分值, 得分) are centred over figures that
// begin left of them, and its 一级指标 are printed in the middle of the rows
// they are merged over.
func TestUnruledFormBands(t *testing.T) {
	page := extract.Page{Number: 1, Width: 595, Height: 842, Lines: []extract.Line{
		line(run("项目支出绩效自评表", 235, 159, 352)),
		line(run("（2024年度）", 484, 186, 552)),
		line(run("项目名", 39, 206, 72)),
		line(run("食品安全抽检经费", 80, 213, 168)),
		line(run("称", 50, 221, 61)),
		line(run("主管部", 39, 240, 72)),
		line(run("蒲江县市场监督管理局", 80, 248, 190)),
		line(run("门", 50, 255, 61)),
		line(run("实施单", 39, 276, 72)),
		line(run("蒲江县市场监督管理局", 80, 283, 190)),
		line(run("位", 50, 291, 61)),
		line(run("年初预算数", 183, 311, 237), run("全年预算数", 257, 311, 312), run("全年执行数", 319, 311, 374), run("分值", 382, 311, 404), run("执行率", 422, 311, 455), run("得分", 470, 311, 492)),
		line(run("年度资金总额", 80, 330, 146), run("133.11", 219, 330, 250), run("133.51", 280, 330, 313), run("124.07", 342, 330, 375), run("10", 382, 330, 393), run("92.93%", 422, 330, 460), run("9.29", 527, 330, 549)),
		line(run("项目资", 39, 343, 72)),
		line(run("其中：当年财政拨", 80, 351, 168)),
		line(run("金（万", 39, 358, 72), run("133.11", 219, 358, 250), run("133.51", 280, 358, 313), run("124.07", 342, 358, 375), run("—", 382, 358, 392), run("92.93%", 422, 358, 460), run("—", 470, 358, 480)),
		line(run("款", 80, 366, 91)),
		line(run("元）", 44, 373, 66)),
		line(run("上年结转资金", 80, 386, 146), run("0.00", 228, 386, 250), run("0.00", 291, 386, 313), run("0.00", 353, 386, 375), run("—", 382, 386, 392), run("—", 422, 386, 432), run("—", 470, 386, 480)),
		line(run("其他资金", 80, 406, 124), run("0.00", 228, 406, 250), run("0.00", 291, 406, 313), run("0.00", 353, 406, 375), run("—", 382, 406, 392), run("—", 422, 406, 432), run("—", 470, 406, 480)),
		line(run("预期目标", 80, 426, 124), run("实际完成情况", 319, 426, 385)),
		line(run("年度总", 39, 436, 72)),
		line(run("开展食品安全监督抽检和风险监测。预期完成食", 80, 446, 311), run("项目按计划实施，全年执行124.07万元，食品", 319, 446, 539)),
		line(run("体目标", 39, 451, 72)),
		line(run("品抽检批次4354批次。", 80, 461, 192), run("抽检批次4680批次，年度绩效目标全面完成。", 319, 461, 542)),
		line(run("绩效指", 39, 481, 72), run("偏差原因分析及", 471, 481, 548)),
		line(run("一级指标", 80, 489, 124), run("二级指标", 132, 489, 176), run("三级指标", 194, 489, 238), run("年度指标值", 257, 489, 312), run("实际完成值", 320, 489, 375), run("分值", 388, 489, 410), run("得分", 432, 489, 454)),
		line(run("标", 50, 496, 61), run("改进措施", 488, 496, 532)),
		line(run("≥4354批", 257, 516, 303)),
		line(run("数量指标", 131, 524, 175), run("食品抽检批次", 183, 524, 248), run("4680批次", 319, 524, 366), run("20", 382, 524, 394), run("20", 422, 524, 434), run("无", 470, 524, 481)),
		line(run("次", 257, 531, 268)),
		line(run("抽检任务完成", 183, 551, 248)),
		line(run("质量指标", 131, 558, 175), run("≥95%", 257, 558, 290), run("100%", 319, 558, 347), run("10", 382, 558, 393), run("10", 422, 558, 433), run("无", 470, 558, 481)),
		line(run("率", 183, 566, 194)),
		line(run("产出指标", 80, 576, 124)),
		line(run("项目完成及时", 183, 586, 248)),
		line(run("时效指标", 131, 594, 175), run("100%", 257, 594, 284), run("100%", 319, 594, 347), run("10", 382, 594, 393), run("10", 422, 594, 433), run("无", 470, 594, 481)),
		line(run("率", 183, 601, 194)),
		line(run("总分", 195, 776, 217), run("100", 390, 776, 407), run("99.29", 435, 776, 464)),
	}}
	res := assemble(t, page)
	if len(res.Evaluations) != 1 {
		t.Fatalf("%d forms, want 1", len(res.Evaluations))
	}
	ev := res.Evaluations[0]
	wantFunds := [][]string{
		{"年度资金总额", "133.11", "133.51", "124.07", "10", "92.93%", "9.29"},
		{"其中：当年财政拨款", "133.11", "133.51", "124.07", "—", "92.93%", "—"},
		{"上年结转资金", "0.00", "0.00", "0.00", "—", "—", "—"},
		{"其他资金", "0.00", "0.00", "0.00", "—", "—", "—"},
	}
	if fmt.Sprint(ev.Funds) != fmt.Sprint(wantFunds) {
		t.Errorf("funds\n%q\nwant\n%q", ev.Funds, wantFunds)
	}
	if ev.Unit != "万元" {
		t.Errorf("unit %q, want 万元 (from the block's label)", ev.Unit)
	}
	var got []string
	for _, ind := range ev.Indicators {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s", ind.Level1, ind.Level2, ind.Level3, ind.Target, ind.Actual, ind.Weight, ind.Score))
	}
	// 产出指标, merged over the four output rows, is printed in their
	// middle (between 质量指标 and 时效指标): the rows above it are its
	// rows too.
	want := []string{
		"产出指标|数量指标|食品抽检批次|≥4354批次|4680批次|20|20",
		"产出指标|质量指标|抽检任务完成率|≥95%|100%|10|10",
		"产出指标|时效指标|项目完成及时率|100%|100%|10|10",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("indicators\n%q\nwant\n%q", got, want)
	}
	if ev.GoalExpected != "开展食品安全监督抽检和风险监测。预期完成食品抽检批次4354批次。" {
		t.Errorf("goal expected %q", ev.GoalExpected)
	}
}

// TestUnruledFormCloseColumns reads a project form as LibreOffice Writer
// prints it with its rules not drawn (f1_d07 of the synthetic finals):
// cells of neighbouring columns stand closer than a character apart
// (时效指标 | 完成时限, ≤9.99万元 | 9.99万元) and the goals' block label is
// wrapped beside the goals' lines (年度总 | 开展…, 体目标 | 死亡率…). What
// stands under two different column labels, or left of the goals, is not
// one cell.
func TestUnruledFormCloseColumns(t *testing.T) {
	page := extract.Page{Number: 1, Width: 595, Height: 842, Lines: []extract.Line{
		line(run("项目支出绩效自评表", 232, 401, 372)),
		line(run("项目名", 61, 450, 93)),
		line(run("妇幼健康服务项目", 99, 458, 183)),
		line(run("称", 72, 466, 82)),
		line(run("年初预算数", 196, 553, 248), run("全年预算数", 266, 553, 318), run("全年执行数", 325, 553, 378), run("分值", 384, 553, 406), run("执行率", 422, 553, 454), run("得分", 468, 553, 489)),
		line(run("年度资金总额", 99, 572, 162), run("5.72", 242, 572, 263), run("5.72", 302, 572, 322), run("5.46", 361, 572, 382), run("10", 386, 572, 396), run("95.45%", 422, 572, 458), run("9.55", 525, 572, 546)),
		line(run("预期目标", 99, 664, 141), run("实际完成情况", 325, 664, 388)),
		line(run("年度总", 61, 681, 93), run("开展孕产妇和儿童健康管理，降低孕产妇和婴儿", 99, 681, 319)),
		line(run("项目按计划实施，全年执行 5.46 万元。", 325, 691, 520)),
		line(run("体目标", 61, 696, 93), run("死亡率。", 99, 696, 140)),
		line(run("绩效指", 61, 730, 93), run("偏差原因分析及", 470, 730, 544)),
		line(run("一级指标", 100, 738, 142), run("二级指标", 149, 738, 191), run("三级指标", 208, 738, 250), run("年度指标值", 268, 738, 320), run("实际完成值", 327, 738, 379), run("分值", 391, 738, 412), run("得分", 433, 738, 454)),
		line(run("标", 72, 746, 82), run("改进措施", 486, 746, 528)),
		line(run("产出指标", 99, 766, 141), run("时效指标", 147, 766, 191), run("完成时限", 196, 766, 238), run("12月底前", 266, 766, 306), run("12月底前", 325, 766, 365), run("10", 384, 766, 396), run("10", 422, 766, 434), run("无", 468, 766, 478)),
		line(run("成本指标", 147, 786, 191), run("项目总成本", 196, 786, 248), run("≤9.99万元", 266, 786, 320), run("9.99万元", 325, 786, 369), run("10", 384, 786, 396), run("10", 422, 786, 434), run("无", 468, 786, 478)),
		line(run("总分", 209, 806, 230), run("100", 393, 806, 410), run("97.00", 438, 806, 465)),
	}}
	res := assemble(t, page)
	if len(res.Evaluations) != 1 {
		t.Fatalf("%d forms, want 1", len(res.Evaluations))
	}
	ev := res.Evaluations[0]
	if want := "开展孕产妇和儿童健康管理，降低孕产妇和婴儿死亡率。"; ev.GoalExpected != want {
		t.Errorf("goal expected %q, want %q", ev.GoalExpected, want)
	}
	var got []string
	for _, ind := range ev.Indicators {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s", ind.Level1, ind.Level2, ind.Level3, ind.Target, ind.Actual, ind.Weight, ind.Score))
	}
	want := []string{
		"产出指标|时效指标|完成时限|12月底前|12月底前|10|10",
		"产出指标|成本指标|项目总成本|≤9.99万元|9.99万元|10|10",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("indicators\n%q\nwant\n%q", got, want)
	}
}

// TestUnruledFundsBlockLabel: the block's label of a funds grid printed
// without rules (年度预算（万元）, LibreOffice Writer) is wrapped in a column
// of its own, its pieces on lines of their own between the rows'; a piece
// wholly left of where the rows' own labels begin is the block's, not a
// part of the row label it stands beside.
func TestUnruledFundsBlockLabel(t *testing.T) {
	page := extract.Page{Number: 1, Width: 595, Height: 842, Lines: []extract.Line{
		line(run("部门整体支出绩效自评表", 217, 342, 387)),
		line(run("部门名称", 61, 400, 93), run("光山县卫生健康局", 99, 400, 183)),
		line(run("年初预算数", 196, 456, 248), run("全年预算数", 266, 456, 318), run("全年执行数", 325, 456, 378), run("分值", 384, 456, 406), run("执行率", 422, 456, 454), run("得分", 468, 456, 489)),
		line(run("年度预", 61, 469, 93)),
		line(run("年度资金总额", 99, 475, 162), run("205.62", 231, 475, 263), run("207.31", 290, 475, 322), run("197.30", 349, 475, 381), run("10", 386, 475, 396), run("95.17%", 422, 475, 458), run("9.52", 525, 475, 546)),
		line(run("算（万", 61, 484, 93)),
		line(run("其中：财政拨款", 99, 494, 172), run("195.10", 231, 494, 263), run("195.72", 290, 494, 322), run("186.24", 349, 494, 381), run("—", 386, 494, 394), run("95.16%", 422, 494, 458), run("—", 468, 494, 477)),
		line(run("元）", 66, 500, 88)),
		line(run("其他资金", 99, 513, 141), run("10.52", 236, 513, 263), run("11.59", 296, 513, 322), run("11.06", 355, 513, 381), run("—", 386, 513, 394), run("95.43%", 422, 513, 458), run("—", 468, 513, 477)),
		line(run("预期目标", 99, 532, 141), run("实际完成情况", 325, 532, 388)),
		line(run("围绕部门职责组织实施。", 99, 551, 210), run("部门重点工作任务按计划完成。", 325, 551, 470)),
	}}
	res := assemble(t, page)
	if len(res.Evaluations) != 1 {
		t.Fatalf("%d forms, want 1", len(res.Evaluations))
	}
	var labels []string
	for _, row := range res.Evaluations[0].Funds {
		labels = append(labels, row[0])
	}
	if want := []string{"年度资金总额", "其中：财政拨款", "其他资金"}; fmt.Sprint(labels) != fmt.Sprint(want) {
		t.Errorf("row labels %q, want %q", labels, want)
	}
}

// TestUnruledDeviationCentred: a 偏差原因分析 of six lines, centred on its
// row of an unruled indicator table (LibreOffice Writer), begins two lines
// above the row's band, with space before it: those lines are the row's,
// not the rest of the row above.
func TestUnruledDeviationCentred(t *testing.T) {
	page := extract.Page{Number: 1, Width: 595, Height: 842, Lines: []extract.Line{
		line(run("项目支出绩效自评表", 232, 20, 372)),
		line(run("项目名称", 61, 40, 93), run("基本公共卫生服务项目", 99, 40, 246)),
		line(run("绩效指", 61, 56, 93), run("偏差原因分析及", 470, 56, 544)),
		line(run("一级指标", 100, 64, 142), run("二级指标", 149, 64, 191), run("三级指标", 208, 64, 250), run("年度指标值", 268, 64, 320), run("实际完成值", 327, 64, 379), run("分值", 391, 64, 412), run("得分", 433, 64, 454)),
		line(run("标", 72, 72, 82), run("改进措施", 486, 72, 528)),
		line(run("服务常住人口", 196, 91, 259)),
		line(run("数量指标", 147, 98, 189), run("≥77万人", 266, 98, 311), run("84万人", 325, 98, 360), run("15", 384, 98, 396), run("15", 422, 98, 434)),
		line(run("数", 196, 106, 206)),
		line(run("个别指标完成值", 468, 125, 542)),
		line(run("低于年初目标，", 468, 140, 542)),
		line(run("居民电子健康", 196, 155, 259), run("主要原因是客观", 468, 155, 542)),
		line(run("质量指标", 147, 163, 189), run("≥95%", 266, 163, 298), run("93%", 325, 163, 346), run("15", 384, 163, 396), run("12", 422, 163, 434)),
		line(run("产出指标", 99, 171, 141), run("档案建档率", 196, 171, 248), run("条件变化，今后", 468, 171, 542)),
		line(run("将科学合理设置", 468, 186, 542)),
		line(run("绩效目标。", 468, 201, 520)),
		line(run("完成时限", 196, 228, 238), run("时效指标", 147, 228, 189), run("12月底前", 266, 228, 306), run("12月底前", 325, 228, 365), run("10", 384, 228, 396), run("10", 422, 228, 434), run("无", 468, 228, 478)),
		line(run("总分", 209, 250, 230), run("100", 393, 250, 410), run("97.00", 438, 250, 465)),
	}}
	res := assemble(t, page)
	if len(res.Evaluations) != 1 {
		t.Fatalf("%d forms, want 1", len(res.Evaluations))
	}
	var got []string
	for _, ind := range res.Evaluations[0].Indicators {
		got = append(got, ind.Level3+"|"+ind.Deviation)
	}
	want := []string{
		"服务常住人口数|",
		"居民电子健康档案建档率|个别指标完成值低于年初目标，主要原因是客观条件变化，今后将科学合理设置绩效目标。",
		"完成时限|无",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rows\n%q\nwant\n%q", got, want)
	}
}
