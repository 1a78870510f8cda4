// The warm-introduction source set as a small rune class (kept by the shell, so it survives switching tabs).
import * as t from './intro-sources';

export class IntroSourceSet {
  current = $state.raw<t.IntroSources>(t.initialSources());

  setMode = (mode: t.SourceMode): void => void (this.current = t.setSourceMode(this.current, mode));
  add = (people: readonly t.Person[]): void => void (this.current = t.addSources(this.current, people));
  remove = (id: string): void => void (this.current = t.removeSource(this.current, id));
  clear = (): void => void (this.current = t.clearSources(this.current));
}
