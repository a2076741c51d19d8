/**
 * How many modal dialogs are open. While any is, the map and the global shortcuts ignore input:
 * keys and pointers belong to the dialog alone.
 */

let open = 0;

export function isModalOpen(): boolean {
  return open > 0;
}

/** Count one dialog as open; the returned function closes it again. */
export function holdModal(): () => void {
  open += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    open -= 1;
  };
}
