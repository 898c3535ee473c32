// The table of check kinds. Each kind lives in its own file and is listed
// here once.
#include "rules/check_kind.hpp"
#include "rules/schema_check_kinds.hpp"

#include "rules/accepted_values_check.hpp"
#include "rules/duplicates_check.hpp"
#include "rules/not_null_check.hpp"
#include "rules/orphans_check.hpp"
#include "rules/sql_check.hpp"
#include "rules/stale_rows_check.hpp"

namespace plumb {
namespace {

const std::vector<const CheckKind*>& all_kinds() {
  static const StaleRowsCheck stale_rows;
  static const DuplicatesCheck duplicates;
  static const NotNullCheck not_null;
  static const AcceptedValuesCheck accepted_values;
  static const OrphansCheck orphans;
  static const SqlCheck sql;
  static const std::vector<const CheckKind*> kinds = {
      &unique_indexes_match_model_kind(),
      &index_exists_kind(),
      &index_absent_kind(),
      &no_invalid_indexes_kind(),
      &redundant_indexes_kind(),
      &index_names_kind(),
      &stale_rows, &duplicates, &not_null, &accepted_values, &orphans, &sql,
  };
  return kinds;
}

}  // namespace

const CheckKind* find_check_kind(const std::string& name) {
  for (const auto* kind : all_kinds())
    if (name == kind->name()) return kind;
  return nullptr;
}

std::vector<std::string> check_kind_names() {
  std::vector<std::string> names;
  for (const auto* kind : all_kinds()) names.emplace_back(kind->name());
  return names;
}

}  // namespace plumb
