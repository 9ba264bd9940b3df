# fish completion for arctl. Candidates come from the binary itself
# ('arctl __complete'), so plugin commands, aliases and arctl-* programs complete too.
function __arctl_complete
    set -l words (commandline -opc)
    set -e words[1]
    arctl __complete $words (commandline -ct) 2>/dev/null
end
complete -c arctl -f -a '(__arctl_complete)'
