#include "rules/named_columns_check.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace plumb {

void require_named_columns(pqxx::transaction_base& transaction, const RuleSpec& spec) {
  for (const auto& named : spec.named_columns()) {
    // to_regclass resolves the name as the rule's own statement will
    // (search_path for an unqualified one) and never errors.
    const auto row = transaction.exec_params1(
        "SELECT to_regclass($1) IS NOT NULL, (SELECT coalesce(json_agg(attname), '[]') FROM pg_attribute "
        "WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped)",
        named.table.quoted());
    if (!row[0].as<bool>()) throw std::runtime_error("table " + named.table.to_string() + " does not exist");
    const auto columns = nlohmann::json::parse(row[1].c_str()).get<std::vector<std::string>>();
    for (const auto& column : named.columns)
      if (!column.empty() && std::find(columns.begin(), columns.end(), column) == columns.end())
        throw std::runtime_error("column " + column + " does not exist in table " + named.table.to_string());
  }
}

}  // namespace plumb
