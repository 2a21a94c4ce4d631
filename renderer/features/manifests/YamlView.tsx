/** YAML with line numbers and syntax colours from our own tokenizer (no HTML strings, no library). */
import { memo, useMemo } from 'react';
import { tokenizeYaml } from './model/yaml-tokens.ts';

export const YamlView = memo(function YamlView({ yaml, label }: { yaml: string; label: string }) {
  const lines = useMemo(() => tokenizeYaml(yaml), [yaml]);
  return (
    <pre className="yaml" aria-label={label} tabIndex={0} data-testid="yaml-view">
      <code>
        {lines.map((tokens, i) => (
          <span key={i} className="yaml-line">
            {tokens.map((t, j) =>
              t.kind === 'text' ? (
                t.text
              ) : (
                <span key={j} className={`y-${t.kind}`}>
                  {t.text}
                </span>
              ),
            )}
            {'\n'}
          </span>
        ))}
      </code>
    </pre>
  );
});
