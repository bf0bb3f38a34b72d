package dev.docket.cli;

import java.lang.reflect.Constructor;
import java.time.Clock;
import picocli.CommandLine;

/** Lets commands take the {@link Clock} they resolve relative times against, so tests can fix it. */
final class ClockFactory implements CommandLine.IFactory {
  private final Clock clock;

  ClockFactory(Clock clock) {
    this.clock = clock;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Clock.class) {
        constructor.setAccessible(true);
        return type.cast(constructor.newInstance(clock));
      }
    }
    return CommandLine.defaultFactory().create(type);
  }
}
