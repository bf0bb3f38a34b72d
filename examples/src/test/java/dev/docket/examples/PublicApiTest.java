package dev.docket.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.Docket;
import dev.docket.stenographer.StenographerSource;
import dev.docket.synthetic.SiteTraffic;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a program that embeds Docket sees of the library modules: in every public signature of an
 * exported package (fields, methods, constructors, supertypes, with their type arguments), JDK
 * types and Docket's own, never Guava's or another library's that the caller would then need.
 */
class PublicApiTest {
  /** The libraries Docket is built on, which stay inside its modules. */
  private static final List<String> INTERNAL = List.of("com.google.", "com.fasterxml.", "org.apache.", "org.pcap4j.", "io.netty.");

  @ParameterizedTest
  @ValueSource(classes = {Docket.class, StenographerSource.class, SiteTraffic.class})
  void exportedSignaturesUseOnlyJdkAndDocketTypes(Class<?> ofModule) throws Exception {
    Path location = Path.of(ofModule.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> leaks = new ArrayList<>();
    try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(URI.create("jar:" + location.toUri()), Map.of())) {
      Path root = jar == null ? location : jar.getPath("/");
      ModuleDescriptor module;
      try (InputStream in = Files.newInputStream(root.resolve("module-info.class"))) {
        module = ModuleDescriptor.read(in);
      }
      List<String> exported = module.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source).toList();
      assertThat(exported).isNotEmpty();
      for (String pkg : exported) {
        try (Stream<Path> files = Files.list(root.resolve(pkg.replace('.', '/')))) {
          for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
            String name = pkg + "." + file.getFileName().toString().replace(".class", "");
            Class<?> type = Class.forName(name, false, ofModule.getClassLoader());
            if (visible(type)) {
              leaks.addAll(leaksOf(type));
            }
          }
        }
      }
    }
    assertThat(leaks).as("public signatures in %s naming a library's type", location.getFileName()).isEmpty();
  }

  /** Public, and so is every class it is nested in. */
  private static boolean visible(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return !type.isAnonymousClass() && !type.isSynthetic();
  }

  private static List<String> leaksOf(Class<?> type) {
    List<String> leaks = new ArrayList<>();
    check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
    for (Type implemented : type.getGenericInterfaces()) {
      check(type.getName() + " implements", implemented, leaks);
    }
    for (Field field : type.getDeclaredFields()) {
      if (exposed(field.getModifiers())) {
        check(type.getName() + "." + field.getName(), field.getGenericType(), leaks);
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (exposed(constructor.getModifiers())) {
        for (Type parameter : constructor.getGenericParameterTypes()) {
          check(type.getName() + "(...)", parameter, leaks);
        }
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (exposed(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
        String where = type.getName() + "." + method.getName() + "(...)";
        check(where, method.getGenericReturnType(), leaks);
        for (Type parameter : method.getGenericParameterTypes()) {
          check(where, parameter, leaks);
        }
        for (Type thrown : method.getGenericExceptionTypes()) {
          check(where, thrown, leaks);
        }
      }
    }
    return leaks;
  }

  private static boolean exposed(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(String where, Type type, List<String> leaks) {
    check(where, type, leaks, new HashSet<>());
  }

  private static void check(String where, Type type, List<String> leaks, Set<Type> seen) {
    if (type == null || !seen.add(type)) {
      return;
    }
    if (type instanceof Class<?> c) {
      Class<?> element = c;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      String name = element.getName();
      if (INTERNAL.stream().anyMatch(name::startsWith)) {
        leaks.add(where + ": " + name);
      }
    } else if (type instanceof ParameterizedType parameterized) {
      check(where, parameterized.getRawType(), leaks, seen);
      for (Type argument : parameterized.getActualTypeArguments()) {
        check(where, argument, leaks, seen);
      }
    } else if (type instanceof WildcardType wildcard) {
      Stream.concat(Stream.of(wildcard.getUpperBounds()), Stream.of(wildcard.getLowerBounds())).forEach(bound -> check(where, bound, leaks, seen));
    } else if (type instanceof GenericArrayType array) {
      check(where, array.getGenericComponentType(), leaks, seen);
    } else if (type instanceof TypeVariable<?> variable) {
      for (Type bound : variable.getBounds()) {
        check(where, bound, leaks, seen);
      }
    }
  }
}
