# Writes completion_scripts.hpp from the files in completions/, so that
# `arctl completion SHELL` prints exactly the scripts that are installed.
file(READ ${SRC}/arctl.bash BASH)
file(READ ${SRC}/_arctl ZSH)
file(READ ${SRC}/arctl.fish FISH)
file(WRITE ${OUT} "// Generated from completions/ at build time.\n#pragma once\n"
  "inline constexpr const char* kBashCompletion = R\"arctl(${BASH})arctl\";\n"
  "inline constexpr const char* kZshCompletion = R\"arctl(${ZSH})arctl\";\n"
  "inline constexpr const char* kFishCompletion = R\"arctl(${FISH})arctl\";\n")
