#include "vocabulary/fleet_report.hpp"

namespace plumb {

const char* to_string(TargetStatus status) {
  switch (status) {
    case TargetStatus::passed: return "passed";
    case TargetStatus::findings: return "findings";
    case TargetStatus::incomplete: return "incomplete";
    case TargetStatus::unreachable: return "unreachable";
    case TargetStatus::failed: return "failed";
    case TargetStatus::not_started: return "not started";
  }
  return "unknown";
}

}  // namespace plumb
