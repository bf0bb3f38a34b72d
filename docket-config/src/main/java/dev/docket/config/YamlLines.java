package dev.docket.config;

import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Where each map and list of a loaded YAML document, and each key of a map, starts in the file (lines
 * from 1), so that a mistake can be reported as {@code FILE: line N: ...}. Read from the composed
 * nodes beside the values they were constructed into; the values are told apart by identity.
 */
final class YamlLines {
  static final YamlLines NONE = new YamlLines();

  private final IdentityHashMap<Object, Integer> starts = new IdentityHashMap<>();
  private final IdentityHashMap<Object, Map<String, Integer>> keys = new IdentityHashMap<>();

  private YamlLines() {}

  static YamlLines of(Node node, Object value) {
    YamlLines lines = new YamlLines();
    lines.walk(node, value);
    return lines;
  }

  private void walk(Node node, Object value) {
    if (node instanceof MappingNode mapping && value instanceof Map<?, ?> map) {
      line(node).ifPresent(line -> starts.put(value, line));
      Map<String, Integer> lines = new java.util.HashMap<>();
      keys.put(value, lines);
      List<NodeTuple> tuples = mapping.getValue();
      if (tuples.size() != map.size()) {
        return; // merged keys (<<): the two no longer pair up, and the map's own line will do
      }
      Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
      for (NodeTuple tuple : tuples) {
        Map.Entry<?, ?> entry = entries.next();
        if (tuple.getKeyNode() instanceof ScalarNode key) {
          line(key).ifPresent(line -> lines.put(key.getValue(), line));
        }
        if (entry.getValue() != null) {
          walk(tuple.getValueNode(), entry.getValue());
        }
      }
    } else if (node instanceof SequenceNode sequence && value instanceof List<?> list) {
      line(node).ifPresent(line -> starts.put(value, line));
      if (sequence.getValue().size() == list.size()) {
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i) != null) {
            walk(sequence.getValue().get(i), list.get(i));
          }
        }
      }
    }
  }

  private static Optional<Integer> line(Node node) {
    return node.getStartMark().map(YamlLines::line);
  }

  static int line(Mark mark) {
    return mark.getLine() + 1;
  }

  /** The line {@code map} or list starts on. */
  OptionalInt of(Object container) {
    Integer line = starts.get(container);
    return line == null ? OptionalInt.empty() : OptionalInt.of(line);
  }

  /** The line of {@code key} in {@code map}, else the line the map starts on. */
  OptionalInt ofKey(Object map, String key) {
    Integer line = keys.getOrDefault(map, Map.of()).get(key);
    return line == null ? of(map) : OptionalInt.of(line);
  }
}
