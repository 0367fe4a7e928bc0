# Sourced by the bench/ scripts (from the repository's root). Builds this checkout's server and benchmark classes
# with the reactor (nothing is installed into ~/.m2, so it works on a fresh clone) and sets:
#   BENCH_CP  the benchmark's classpath: bootstrap's test and main classes, the sibling modules' jars from their
#             target/ directories and the third-party jars from the local repository (test scope)
# BENCH_MAVEN_ARGS adds Maven options (e.g. -o to stay offline).
bench_build() {
  # package and build-classpath in one reactor run: the sibling modules resolve to what this run built
  # (the output file is relative to each module: bootstrap's is bootstrap/target/bench.classpath).
  # shellcheck disable=SC2086
  ./mvnw -q -B -DskipTests ${BENCH_MAVEN_ARGS:-} package dependency:build-classpath -pl bootstrap -am \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
  BENCH_CP="bootstrap/target/test-classes:bootstrap/target/classes:$(cat bootstrap/target/bench.classpath)"
}

# The JVM to run on: $1 when given, else Temurin JDK 25 when installed (as on the project's machines), else java on the PATH.
bench_java() {
  if [ -n "${1:-}" ]; then
    echo "$1"
  elif [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
  else
    command -v java
  fi
}
