// Internal: FAKELENS_PACK_LOADING marks the code that reads a pack or builds its indexes:
// it runs once per load. In WebAssembly it is built for size and each such function is
// kept a function of its own (wasm/CMakeLists.txt also stops Binaryen inlining functions
// into their only caller). Loading the pack would otherwise run in a few huge functions
// that V8, seeing their loops, recompiled with its optimising compiler on every cold start
// (80-100 ms of compiler work from the JSON, 18 ms for the brand index alone), competing
// with the load on two cores, for code that never runs again. Natively speed wins: no
// attribute.
#ifndef FAKELENS_SRC_PACK_LOADING_H_
#define FAKELENS_SRC_PACK_LOADING_H_

#if defined(__EMSCRIPTEN__)
#define FAKELENS_PACK_LOADING __attribute__((cold, minsize, noinline))
#else
#define FAKELENS_PACK_LOADING
#endif

#endif  // FAKELENS_SRC_PACK_LOADING_H_
