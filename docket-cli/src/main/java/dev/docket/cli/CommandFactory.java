package dev.docket.cli;

import java.lang.reflect.Constructor;
import java.time.Clock;
import picocli.CommandLine;

/**
 * Hands commands what they would otherwise take from the process — the {@link Clock} relative times
 * count back from, the {@link Environment} credentials come from — so tests can give their own.
 */
final class CommandFactory implements CommandLine.IFactory {
  private final Clock clock;
  private final Environment environment;

  CommandFactory(Clock clock, Environment environment) {
    this.clock = clock;
    this.environment = environment;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (constructor.getParameterCount() == 1) {
        Class<?> wanted = constructor.getParameterTypes()[0];
        if (wanted == Clock.class || wanted == Environment.class) {
          constructor.setAccessible(true);
          return type.cast(constructor.newInstance(wanted == Clock.class ? clock : environment));
        }
      }
    }
    return CommandLine.defaultFactory().create(type);
  }
}
