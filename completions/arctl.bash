# bash completion for arctl. Candidates come from the binary itself
# ('arctl __complete'), so plugin commands, aliases and arctl-* programs complete too.
_arctl() {
  local cur words
  cur="${COMP_WORDS[COMP_CWORD]}"
  words=("${COMP_WORDS[@]:1:COMP_CWORD}")
  local IFS=$'\n'
  COMPREPLY=($(arctl __complete "${words[@]}" 2>/dev/null))
  if [[ ${#COMPREPLY[@]} -eq 0 && "$cur" != -* ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _arctl arctl
