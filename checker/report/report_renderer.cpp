#include "report/report_renderer.hpp"

#include "report/github_report.hpp"
#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "report/sarif_report.hpp"
#include "report/text_report.hpp"
#include "util/errors.hpp"

namespace plumb {

std::string render_report(const CheckReport& report, const std::string& format, bool colors) {
  if (format == "text") return render_text_report(report, colors);
  if (format == "json") return render_json_report(report);
  if (format == "junit") return render_junit(report);
  if (format == "sarif") return render_sarif(report);
  if (format == "github") return render_github(report);
  throw InputError("--format " + format + " is not available for plumb " + report.command +
                   " (expected text, json, junit, sarif or github)");
}

}  // namespace plumb
