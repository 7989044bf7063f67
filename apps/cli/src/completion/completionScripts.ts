// Each shell asks `ferry __complete <words typed so far...> <current word>` for candidates, one
// per line, so the scripts stay tiny and the command tree has one source: the program itself.

const bash = `# ferry completion for bash: eval "$(ferry completion bash)", or save it to
# ~/.local/share/bash-completion/completions/ferry
_ferry() {
  local IFS=$'\\n'
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  COMPREPLY=($(ferry __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
  [ \${#COMPREPLY[@]} -eq 0 ] && [ -n "$cur" ] && COMPREPLY=($(compgen -f -- "$cur"))
  return 0
}
complete -o default -F _ferry ferry
`;

const zsh = `#compdef ferry
# ferry completion for zsh: eval "$(ferry completion zsh)", or save it as _ferry on your fpath
_ferry() {
  local -a candidates
  candidates=("\${(@f)$(ferry __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if (( \${#candidates[@]} )) && [[ -n "\${candidates[1]}" ]]; then
    compadd -- "\${candidates[@]}"
  else
    _files
  fi
}
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then _ferry "$@"; else compdef _ferry ferry; fi
`;

const fish = `# ferry completion for fish: ferry completion fish > ~/.config/fish/completions/ferry.fish
function __ferry_complete
    set -l words (commandline -opc)[2..-1] (commandline -ct)
    ferry __complete $words 2>/dev/null
end
complete -c ferry -f -a '(__ferry_complete)'
`;

export const COMPLETION_SCRIPTS = { bash, zsh, fish } as const;
export type Shell = keyof typeof COMPLETION_SCRIPTS;
