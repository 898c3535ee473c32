// GitHub report: a CheckReport as GitHub Actions workflow commands, which the
// runner turns into annotations on the rules file and the run's summary.
#pragma once

#include <string>

#include "vocabulary/check_report.hpp"

namespace plumb {

// One line per finding, `::error file=F,line=L,col=C,title=T::message`
// (warning for warnings, notice for info), at Finding::location or the
// rule's line; one ::error line per rule that errored or timed out. Values
// are escaped as GitHub documents (%, CR, LF; and ':' ',' in properties) so
// that no text can end the command early or start another.
std::string render_github(const CheckReport& report);

}  // namespace plumb
