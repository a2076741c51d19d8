/** A path typed in, or (given `choose`, i.e. on the desktop) picked with a native dialog. */
export function PathField(props: {
  title: string;
  label: string;
  placeholder: string;
  value: string;
  onChange: (path: string) => void;
  choose?: () => Promise<string | null>;
  autoFocus?: boolean;
}) {
  const { choose, onChange } = props;
  return (
    <div className="field">
      <span>{props.title}</span>
      <div className="row">
        <input
          aria-label={props.label}
          placeholder={props.placeholder}
          spellCheck={false}
          value={props.value}
          onChange={(e) => onChange(e.target.value)}
          autoFocus={props.autoFocus}
        />
        {choose && (
          <button type="button" onClick={() => void choose().then((p) => p && onChange(p))}>
            Browse…
          </button>
        )}
      </div>
    </div>
  );
}
