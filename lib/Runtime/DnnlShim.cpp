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

dnnl_status_t tessera::dnnl_shim::createPrimitiveDesc(
    const_dnnl_op_desc_t desc, bool accumulate, dnnl_primitive_desc_t &pd) {
  pd = nullptr;
  dnnl_primitive_attr_t attr = nullptr;
  dnnl_status_t status = dnnl_primitive_attr_create(&attr);
  if (status)
    return status;
  if (accumulate) {
    dnnl_post_ops_t postOps = nullptr;
    if (!(status = dnnl_post_ops_create(&postOps)) &&
        !(status = dnnl_post_ops_append_sum(postOps, 1.0f)))
      status = dnnl_primitive_attr_set_post_ops(attr, postOps);
    if (postOps)
      dnnl_post_ops_destroy(postOps);
  }
  if (!status)
    status = dnnl_primitive_desc_create(&pd, desc, attr, engine(), nullptr);
  dnnl_primitive_attr_destroy(attr);
  if (status)
    pd = nullptr;
  return status;
}
