package dev.hush.bootstrap;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/** A command that only groups subcommands ({@code hush}, {@code hush kms}, {@code hush db}): on its own it prints its usage. */
abstract class CommandGroup implements Callable<Integer> {
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }
}
