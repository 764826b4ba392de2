// One operator action from a button: run it with the session's token, say
// on screen what came of it (`done`'s sentence, or the shell's error
// message) and, when it changed the kiosk, fetch the overview again.

import { panel } from "./panel.svelte";

export async function act<T>(
  command: (token: string) => Promise<T>,
  done: (answer: T) => string | void,
  changes = true,
): Promise<void> {
  try {
    const answer = await panel.run(command);
    if (answer === undefined) return;
    const sentence = done(answer);
    if (sentence) panel.say(sentence);
  } catch (error) {
    panel.fail(error);
    return;
  }
  if (changes) await panel.reload();
}
