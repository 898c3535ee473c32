// RubySyntaxTree: one Ruby source file parsed by tree-sitter's Ruby grammar,
// and RubyNode, the few questions plumb asks of its nodes (type, fields,
// children, text, line). Parsing never fails: what the grammar cannot read
// becomes ERROR or MISSING nodes, which has_error() reports.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "rails/ruby_parse_arena.hpp"

namespace plumb {

// A node of a RubySyntaxTree; valid while the tree lives. A null node (a
// missing field or child) answers every question with "nothing".
class RubyNode {
 public:
  RubyNode() = default;
  RubyNode(TSNode node, const std::string* source) : m_node(node), m_source(source) {}

  bool null() const { return m_source == nullptr || ts_node_is_null(m_node); }
  std::string_view type() const { return null() ? std::string_view() : ts_node_type(m_node); }
  // strcmp, not a string_view: most calls fail on the first character, and
  // this is asked of nearly every node.
  bool is(const char* type_name) const { return !null() && std::strcmp(ts_node_type(m_node), type_name) == 0; }
  // True when this node or one below it is an ERROR or MISSING node.
  bool has_error() const { return !null() && ts_node_has_error(m_node); }

  RubyNode field(const char* name) const;  // `name` is one of the grammar's field names
  std::size_t count() const { return null() ? 0 : ts_node_named_child_count(m_node); }
  RubyNode child(std::size_t index) const;  // the index-th named child
  std::size_t all_count() const { return null() ? 0 : ts_node_child_count(m_node); }
  RubyNode any_child(std::size_t index) const;  // named or anonymous (tokens such as "=")
  RubyNode parent() const;
  // The smallest node, this one or below it, that covers bytes [start, end).
  RubyNode descendant_at(std::uint32_t start, std::uint32_t end) const;

  std::string_view text() const;  // the node's source text
  int line() const { return null() ? 0 : static_cast<int>(ts_node_start_point(m_node).row) + 1; }
  std::uint32_t start_byte() const { return null() ? 0 : ts_node_start_byte(m_node); }
  std::uint32_t end_byte() const { return null() ? 0 : ts_node_end_byte(m_node); }

 private:
  TSNode m_node{};
  const std::string* m_source = nullptr;
};

class RubySyntaxTree {
 public:
  // Parses `source` (kept by the tree). Throws std::runtime_error only when
  // tree-sitter itself cannot run (the grammar's ABI refused).
  explicit RubySyntaxTree(std::string source);
  ~RubySyntaxTree();
  RubySyntaxTree(const RubySyntaxTree&) = delete;
  RubySyntaxTree& operator=(const RubySyntaxTree&) = delete;

  RubyNode root() const;
  const std::string& source() const { return *m_source; }

 private:
  // First, so that it outlives the parser and the tree it holds.
  RubyParseArena m_arena;
  std::unique_ptr<std::string> m_source;  // on the heap: nodes point at it
  TSParser* m_parser = nullptr;
  TSTree* m_tree = nullptr;
};

}  // namespace plumb
