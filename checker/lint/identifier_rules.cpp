// Lint rules on the names a migration gives: too long for PostgreSQL, or
// generated rather than written.
#include <cctype>

#include "lint/lint_rule.hpp"
#include "lint/parse_tree.hpp"
#include "vocabulary/generated_name.hpp"

namespace plumb {

namespace {

constexpr size_t k_max_identifier_bytes = 63;

bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || (c & 0x80) != 0; }

// The name as written in `text`, when it is longer than the 63 bytes
// `truncated` kept; empty when the text holds no longer spelling.
std::string written_name(const std::string& text, const std::string& truncated) {
  for (size_t at = text.find(truncated); at != std::string::npos; at = text.find(truncated, at + 1)) {
    size_t end = at + truncated.size();
    while (end < text.size() && identifier_char(text[end])) ++end;
    if (end > at + truncated.size() && (at == 0 || !identifier_char(text[at - 1]))) return text.substr(at, end - at);
  }
  return "";
}

}  // namespace

// NAMEDATALEN is 64: PostgreSQL's scanner keeps 63 bytes of a name (not
// characters) and only issues a NOTICE for the rest. The parse tree holds
// the cut name, so a name of exactly 63 bytes is looked up in the text.
std::vector<Finding> identifier_too_long(const StatementContext& context) {
  std::vector<Finding> findings;
  for (const auto& name : defined_names(context.statement.tree())) {
    if (name.size() < k_max_identifier_bytes) continue;
    const std::string written = written_name(context.statement.text(), name);
    if (written.empty()) continue;
    Finding finding;
    finding.object = "name " + written;
    finding.message = "identifier is " + std::to_string(written.size()) + " bytes long; PostgreSQL keeps \"" + name + "\"";
    finding.fix = "choose a name of at most 63 bytes that still says what it is";
    finding.key = written;
    findings.push_back(finding);
  }
  return findings;
}

// Judged, like the model rules, only for an index the folder still has at its end.
std::vector<Finding> index_name_hash_suffix(const StatementContext& context) {
  const nlohmann::json& tree = context.statement.tree();
  if (!tree.contains("IndexStmt")) return {};
  const std::string name = tree["IndexStmt"].value("idxname", "");
  if (!has_hash_suffix(name) || !context.final.table_of_index(name)) return {};
  Finding finding;
  finding.object = "index " + name;
  finding.message = "index name ends in a generated hash suffix";
  finding.fix = "name it after its table and columns, e.g. index_<table>_on_<columns> (Rails: add_index ..., name: ...)";
  finding.key = name;
  return {finding};
}

}  // namespace plumb
