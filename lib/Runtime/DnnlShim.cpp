//===- DnnlShim.cpp - What the files of libtessera_dnnl.so share ----------===//

#include "DnnlShim.h"

#include <cstdio>

using namespace tessera::dnnl_shim;

void tessera::dnnl_shim::warnOnce(std::atomic<bool> &warned, const char *what,
                                  dnnl_status_t status) {
  if (!warned.exchange(true))
    std::fprintf(stderr,
                 "tessera_dnnl: %s failed (oneDNN status %d); using the "
                 "reference loops\n",
                 what, static_cast<int>(status));
}

dnnl_engine_t tessera::dnnl_shim::engine() {
  static dnnl_engine_t e = [] {
    dnnl_engine_t created = nullptr;
    if (dnnl_engine_create(&created, dnnl_cpu, 0) != dnnl_success)
      created = nullptr;
    return created;
  }();
  return e;
}

dnnl_stream_t tessera::dnnl_shim::stream() {
  struct Holder {
    dnnl_stream_t s = nullptr;
    ~Holder() {
      if (s)
        dnnl_stream_destroy(s);
    }
  };
  thread_local Holder holder;
  if (!holder.s && engine())
    if (dnnl_stream_create(&holder.s, engine(), dnnl_stream_default_flags) !=
        dnnl_success)
      holder.s = nullptr;
  return holder.s;
}
