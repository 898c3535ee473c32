// RubyParseArena: where tree-sitter's memory comes from while one Ruby file
// is parsed and walked. A syntax tree is thousands of small allocations that
// all die together; malloc and free of each (and the heap growing and
// shrinking between files) were a third of an import's time. While an arena
// scope lives on a thread, tree-sitter allocates from that thread's blocks,
// freeing is a no-op, and the outermost scope's end makes the blocks
// reusable for the next file. Memory tree-sitter took outside a scope is
// freed and reallocated by malloc as usual.
#pragma once

namespace plumb {

class RubyParseArena {
 public:
  RubyParseArena();   // installs the allocator in tree-sitter (once) and opens a scope
  ~RubyParseArena();  // the outermost scope's end recycles the thread's blocks
  RubyParseArena(const RubyParseArena&) = delete;
  RubyParseArena& operator=(const RubyParseArena&) = delete;
};

}  // namespace plumb
