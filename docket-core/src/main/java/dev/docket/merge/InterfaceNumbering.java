package dev.docket.merge;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One numbering of the interfaces of several inputs: (input, the input's own interface id) to a
 * dense id of the merge's, given in order of first appearance, so that a pcapng result describes
 * each input's interfaces apart. Asked once a packet when pcapng is written: the last answer of
 * each input is kept, since an input's packets nearly always come from one interface.
 */
public final class InterfaceNumbering {
  private final int[] lastInner;
  private final int[] lastId;
  private final Map<Long, Integer> ids = new HashMap<>();

  /** A numbering for inputs 0 to {@code inputs - 1}. */
  public InterfaceNumbering(int inputs) {
    lastInner = new int[inputs];
    lastId = new int[inputs];
    Arrays.fill(lastId, -1);
  }

  /** The merge's id for interface {@code inner} of input number {@code input}. */
  public int id(int input, int inner) {
    if (lastId[input] >= 0 && lastInner[input] == inner) {
      return lastId[input];
    }
    int id = ids.computeIfAbsent(((long) input << 32) | (inner & 0xffff_ffffL), key -> ids.size());
    lastInner[input] = inner;
    lastId[input] = id;
    return id;
  }
}
