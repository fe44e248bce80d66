#pragma once
// Output files of `qiantang evaluate` (format described in docs/validation.md):
//  - evaluation.csv:  one number a row,
//      table,series,pollutant,station,lead_day,n,statistic,value,unit,benchmark,goal,criterion,result
//    table = statistics | benchmark | hj1130; lead_day = 1, 2, ... or "all"; NMB, NME, MFB, MFE and
//    the HJ 1130 rates in %; a value that is undefined is left blank.
//  - evaluation.json: the same content, nested (runs, statistics with benchmarks, hj1130 scores).
//  - evaluation.html: self-contained page (inline CSS and SVG, no scripts or external files):
//    lead-day score table, benchmark table, statistics tables, time series and scatter plots.
#include <filesystem>
#include <string>

#include "validation/evaluation.hpp"

namespace qiantang::validation {

std::string format_evaluation_csv(const Evaluation& ev);
std::string format_evaluation_json(const Evaluation& ev);
std::string format_evaluation_html(const Evaluation& ev, const std::string& title);

// Writes evaluation.csv, evaluation.json and evaluation.html into `dir` (created if needed).
// Throws InputError when a file cannot be written.
void write_evaluation(const std::filesystem::path& dir, const Evaluation& ev,
                      const std::string& title);

}  // namespace qiantang::validation
