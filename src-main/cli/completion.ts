/**
 * Completion scripts for bash, zsh and fish, generated from the same command
 * table the parser uses, so a new option is completed the day it exists.
 * Profile names come from `cognito-auth profiles` (no approval needed).
 */
import { commands } from './usage';
import type { CommandSpec, Shell } from './usage';

const PROFILES = 'cognito-auth profiles 2>/dev/null | cut -f1';

interface OptionInfo {
  name: string;
  short?: string;
  takesValue: boolean;
  values?: readonly string[];
}

function optionsOf(spec: CommandSpec): OptionInfo[] {
  return Object.entries(spec.options).map(([name, o]) => ({
    name,
    short: o.short,
    takesValue: o.type === 'string',
    values: o.values,
  }));
}

const names = Object.keys(commands);

function bash(): string {
  const perCommand = names
    .map((name) => {
      const opts = optionsOf(commands[name]!)
        .map((o) => `--${o.name}`)
        .join(' ');
      return `    ${name}) opts="${opts}" ;;`;
    })
    .join('\n');
  const valueCases = names
    .flatMap((name) =>
      optionsOf(commands[name]!)
        .filter((o) => o.values)
        .map((o) => `    ${name}:--${o.name}) words_="${o.values!.join(' ')}" ;;`),
    )
    .join('\n');
  return `# bash completion for cognito-auth
_cognito_auth() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${names.join(' ')} --help --version" -- "$cur"))
    return
  fi
  local cmd="\${COMP_WORDS[1]}" i
  if [ "$cmd" = exec ]; then
    for ((i = 2; i < COMP_CWORD; i++)); do
      if [ "\${COMP_WORDS[i]}" = "--" ]; then
        if [ $((i + 1)) -eq "$COMP_CWORD" ]; then
          COMPREPLY=($(compgen -c -- "$cur"))
        else
          COMPREPLY=($(compgen -f -- "$cur"))
        fi
        return
      fi
    done
  fi
  if [ "$cmd" = completion ]; then
    COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur"))
    return
  fi
  if [ "$prev" = --profile ]; then
    local IFS=$'\\n'
    COMPREPLY=($(compgen -W "$(${PROFILES})" -- "$cur"))
    return
  fi
  local words_=""
  case "$cmd:$prev" in
${valueCases}
    *:--account) return ;;
  esac
  if [ -n "$words_" ]; then
    COMPREPLY=($(compgen -W "$words_" -- "$cur"))
    return
  fi
  local opts=""
  case "$cmd" in
${perCommand}
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _cognito_auth cognito-auth
`;
}

const zshQuote = (s: string) => s.replace(/'/g, `'\\''`).replace(/[[\]:]/g, '\\$&');

function zsh(): string {
  const described = names.map((n) => `    '${n}:${zshQuote(commands[n]!.summary)}'`).join('\n');
  const perCommand = names
    .map((name) => {
      const spec = commands[name]!;
      const specs = optionsOf(spec)
        .filter((o) => o.name !== 'help')
        .map((o) => {
          if (!o.takesValue) return `'--${o.name}[${o.name}]'`;
          const action =
            o.name === 'profile'
              ? '_cognito_auth_profiles'
              : o.values
                ? `(${o.values.join(' ')})`
                : ' ';
          return `'--${o.name}=[${o.name}]:${o.name}:${action}'`;
        });
      specs.push("'(- *)'{-h,--help}'[show help]'");
      if (name === 'exec') specs.push("'(-)*::command:_normal'");
      if (name === 'code') specs.push("'1:vault account: '");
      if (name === 'completion') specs.push("'1:shell:(bash zsh fish)'");
      return `    ${name}) _arguments ${specs.join(' ')} ;;`;
    })
    .join('\n');
  return `#compdef cognito-auth
# zsh completion for cognito-auth
_cognito_auth_profiles() {
  local -a profiles
  profiles=(\${(f)"$(${PROFILES})"})
  compadd -a profiles
}

_cognito_auth() {
  local -a commands
  commands=(
${described}
  )
  local curcontext="$curcontext" state line
  _arguments -C '(- *)--version[print the version]' '(- *)'{-h,--help}'[show help]' '1: :->command' '*:: :->args'
  case $state in
    command) _describe -t commands 'cognito-auth command' commands ;;
    args)
      case $words[1] in
${perCommand}
      esac
      ;;
  esac
}

if [ "$funcstack[1]" = "_cognito_auth" ]; then
  _cognito_auth "$@"
else
  compdef _cognito_auth cognito-auth
fi
`;
}

const fishQuote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fish(): string {
  const lines = [
    '# fish completion for cognito-auth',
    'complete -c cognito-auth -f',
    "complete -c cognito-auth -n __fish_use_subcommand -l version -d 'print the version'",
    "complete -c cognito-auth -n __fish_use_subcommand -s h -l help -d 'show help'",
  ];
  for (const name of names) {
    const spec = commands[name]!;
    lines.push(
      `complete -c cognito-auth -n __fish_use_subcommand -a ${name} -d ${fishQuote(spec.summary)}`,
    );
    const when = `'__fish_seen_subcommand_from ${name}'`;
    for (const o of optionsOf(spec)) {
      let line = `complete -c cognito-auth -n ${when} -l ${o.name}`;
      if (o.short) line += ` -s ${o.short}`;
      if (o.takesValue) line += ' -x';
      if (o.name === 'profile') line += ` -a ${fishQuote(`(${PROFILES})`)}`;
      else if (o.values) line += ` -a ${fishQuote(o.values.join(' '))}`;
      lines.push(line);
    }
  }
  lines.push(
    "complete -c cognito-auth -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'",
    "complete -c cognito-auth -n '__fish_seen_subcommand_from exec; and contains -- -- (commandline -opc)' -a '(__fish_complete_subcommand --fcs-skip=3)'",
  );
  return lines.join('\n') + '\n';
}

export function completionScript(shell: Shell): string {
  switch (shell) {
    case 'bash':
      return bash();
    case 'zsh':
      return zsh();
    case 'fish':
      return fish();
  }
}
