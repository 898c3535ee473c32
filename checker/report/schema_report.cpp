#include "report/schema_report.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <utility>
#include <vector>

#include "util/text.hpp"

namespace plumb {
namespace {

using nlohmann::json;

std::string index_flags(const Index& index) {
  std::vector<std::string> flags;
  if (index.primary) flags.push_back("primary key");
  else if (index.unique) flags.push_back("unique");
  if (index.nulls_not_distinct) flags.push_back("nulls not distinct");
  if (!index.valid) flags.push_back("INVALID");
  if (!index.ready) flags.push_back("not ready");
  if (index.constraint) flags.push_back("constraint " + *index.constraint);
  return flags.empty() ? "" : " [" + join(flags, ", ") + "]";
}

std::string table_text(const Table& table) {
  std::string text = "table " + table.qualified_name() + "\n";
  for (const auto& column : table.columns)
    text += "  column " + column.name + " " + column.type + (column.not_null ? " not null" : "") +
            (column.default_value ? " default " + *column.default_value : "") + "\n";
  for (const auto& index : table.indexes)
    text += "  index " + index.name + " " + index.method + " (" + join(index.key_texts(), ", ") + ")" +
            (index.include.empty() ? "" : " include (" + join(index.include, ", ") + ")") +
            (index.predicate ? " where " + *index.predicate : "") + index_flags(index) + "\n";
  for (const auto& constraint : table.constraints)
    text += std::string("  ") + to_string(constraint.type) + " " + constraint.name + " " + constraint.definition + "\n";
  return text;
}

// Writes JSON laid out exactly as nlohmann::json::dump(2) lays it out (two
// spaces per level, `"key": value`, empty containers as [] and {}) straight
// into one string. Keys come out in the order written: callers write them
// sorted, as nlohmann's std::map orders them. Building the nlohmann tree of
// 2,000 tables and then dumping it took more time than the catalog queries.
class PrettyJson {
 public:
  void begin_object(const char* name = nullptr) { open(name, '{'); }
  void end_object() { close('}'); }
  void begin_array(const char* name = nullptr) { open(name, '['); }
  void end_array() { close(']'); }
  // `"name": value`, or a bare value (an array's element) when name is null.
  template <typename Value>
  void field(const char* name, const Value& value) {
    next_element(name);
    write(value);
  }
  std::string take() { return std::move(m_text); }

 private:
  void write(const std::string& text) { append_string(text); }
  void write(const char* text) { append_string(text); }
  void write(const std::optional<std::string>& text) {
    if (text)
      append_string(*text);
    else
      m_text += "null";
  }
  void write(bool flag) { m_text += flag ? "true" : "false"; }
  void write(int number) { m_text += std::to_string(number); }
  void write(const std::vector<std::string>& texts) {
    m_empty.push_back(true);
    m_text += '[';
    for (const auto& text : texts) field(nullptr, text);
    close(']');
  }
  void open(const char* name, char bracket) {
    next_element(name);
    m_text += bracket;
    m_empty.push_back(true);
  }
  void close(char bracket) {
    const bool empty = m_empty.back();
    m_empty.pop_back();
    if (!empty) new_line();
    m_text += bracket;
  }
  // Every element of a container starts a line of its own, after a comma
  // unless it is the first.
  void next_element(const char* name) {
    if (m_empty.empty()) return;
    if (!m_empty.back()) m_text += ',';
    m_empty.back() = false;
    new_line();
    if (name == nullptr) return;
    m_text += '"';
    m_text += name;
    m_text += "\": ";
  }
  void new_line() {
    m_text += '\n';
    m_text.append(2 * m_empty.size(), ' ');
  }
  // Plain printable ASCII is copied as it is; anything else (quotes,
  // backslashes, control characters, UTF-8) goes through nlohmann, so that
  // escaping and the error on invalid UTF-8 stay exactly nlohmann's.
  void append_string(const std::string& text) {
    for (const unsigned char c : text)
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        m_text += json(text).dump();
        return;
      }
    m_text += '"';
    m_text += text;
    m_text += '"';
  }

  std::string m_text;
  std::vector<bool> m_empty;  // per open container: nothing written in it yet
};

void write_index(const Index& index, PrettyJson& out) {
  out.begin_object();
  out.field("constraint", index.constraint);
  out.field("include", index.include);
  out.begin_array("keys");
  for (const auto& key : index.keys) {
    out.begin_object();
    out.field("expression", key.is_expression);
    out.field("text", key.text);
    out.end_object();
  }
  out.end_array();
  out.field("method", index.method);
  out.field("name", index.name);
  out.field("nulls_not_distinct", index.nulls_not_distinct);
  out.field("predicate", index.predicate);
  out.field("primary", index.primary);
  out.field("ready", index.ready);
  out.field("unique", index.unique);
  out.field("valid", index.valid);
  out.end_object();
}

// A foreign key names what it references; a primary key or unique
// constraint, its backing index; a check, only the columns it reads.
void write_constraint(const Constraint& constraint, PrettyJson& out) {
  const bool foreign = constraint.type == ConstraintType::foreign_key;
  const bool indexed = constraint.type == ConstraintType::primary_key || constraint.type == ConstraintType::unique;
  out.begin_object();
  out.field("columns", constraint.columns);
  out.field("definition", constraint.definition);
  if (indexed) out.field("index", constraint.index);
  out.field("name", constraint.name);
  if (foreign) {
    out.begin_object("references");
    out.field("columns", constraint.referenced_columns);
    out.field("table", constraint.referenced_table);
    out.end_object();
  }
  out.field("type", to_string(constraint.type));
  out.end_object();
}

void write_table(const Table& table, PrettyJson& out) {
  out.begin_object();
  out.begin_array("columns");
  for (const auto& column : table.columns) {
    out.begin_object();
    out.field("default", column.default_value);
    out.field("name", column.name);
    out.field("not_null", column.not_null);
    out.field("type", column.type);
    out.end_object();
  }
  out.end_array();
  out.begin_array("constraints");
  for (const auto& constraint : table.constraints) write_constraint(constraint, out);
  out.end_array();
  out.begin_array("indexes");
  for (const auto& index : table.indexes) write_index(index, out);
  out.end_array();
  out.field("name", table.name);
  out.field("primary_key", table.primary_key_columns());
  out.field("schema", table.schema);
  out.end_object();
}

}  // namespace

std::string render_schema_text(const SchemaSnapshot& schema) {
  std::string text;
  for (const auto& table : schema.tables) text += (text.empty() ? "" : "\n") + table_text(table);
  return text;
}

std::string render_schema_json(const SchemaSnapshot& schema) {
  PrettyJson out;
  out.begin_object();
  out.begin_array("tables");
  for (const auto& table : schema.tables) write_table(table, out);
  out.end_array();
  out.field("version", 1);
  out.end_object();
  return out.take() + "\n";
}

std::string render_fleet_schema(const std::vector<TargetSchema>& targets, const std::string& format) {
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& target : targets) {
      nlohmann::json entry = {{"name", target.name}};
      if (target.schema) entry["schema"] = nlohmann::json::parse(render_schema_json(*target.schema));
      if (!target.error.empty()) entry["error"] = target.error;
      list.push_back(entry);
    }
    return nlohmann::json{{"version", 1}, {"targets", list}}.dump(2) + "\n";
  }
  std::string text;
  for (const auto& target : targets) {
    text += "== target " + target.name + " ==\n";
    text += target.schema ? render_schema_text(*target.schema) : target.error + "\n";
    text += "\n";
  }
  return text;
}

}  // namespace plumb
