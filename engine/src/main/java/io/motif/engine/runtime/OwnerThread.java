package io.motif.engine.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ConcurrentModificationException;

/**
 * The thread inside the engine, or none: a second thread calling in at the same time is refused (an
 * engine is single-threaded). Written with release and read with acquire semantics, which cost
 * nothing more than plain accesses on x86.
 */
final class OwnerThread {
  @SuppressWarnings("unused")
  private Thread owner;

  private static final VarHandle OWNER;

  static {
    try {
      OWNER = MethodHandles.lookup().findVarHandle(OwnerThread.class, "owner", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The current thread enters; refused while another is inside. */
  void enter() {
    Thread me = Thread.currentThread();
    Thread other = (Thread) OWNER.getAcquire(this);
    if (other != null && other != me) {
      throw new ConcurrentModificationException(
          "the engine is in use by thread "
              + other.getName()
              + "; an engine is single-threaded: call it from one thread at a time"
              + " (or guard it with a lock)");
    }
    OWNER.setRelease(this, me);
  }

  /** The thread inside leaves. */
  void leave() {
    OWNER.setRelease(this, (Thread) null);
  }

  /** Whether the current thread is the one inside (a callback calling back in). */
  boolean isCurrent() {
    return OWNER.getAcquire(this) == Thread.currentThread();
  }
}
