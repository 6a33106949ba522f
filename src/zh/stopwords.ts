/**
 * Words too common to help search or describe an article: function words of modern written
 * Chinese (in Simplified, since text is normalized before it is segmented), news boilerplate,
 * and common English words. Chosen for this project from frequency, not copied from a list.
 */
const CHINESE = `的 了 和 与 及 或 是 在 有 也 就 都 而 但 并 又 被 把 让 给 对 于 从 向 以 为 因 因为 所以 如果 虽然 但是 而且 并且 然而 因此
这 那 这些 那些 这个 那个 这样 那样 这里 那里 其 其中 之 之一 之后 之前 以及 以上 以下 以来 等 等等 着 过 吗 呢 吧 啊 呀 哦 嗯
我 我们 你 你们 他 他们 她 她们 它 它们 自己 大家 谁 什么 怎么 怎样 如何 哪 哪里 哪些 多少 几 个 位 名 次 种 些
一 一个 一些 一种 一样 一直 一起 不 没 没有 不是 很 更 最 太 非常 已 已经 曾 曾经 将 将会 会 能 能够 可 可以 可能 应 应该 要 需要 想
上 下 中 内 外 前 后 里 间 时 时候 年 月 日 今天 昨天 明天 目前 当时 同时 现在 去年 今年 明年 表示 指出 认为 称 说 据 据悉 报道 记者 介绍
还 还是 只 只是 仍 仍然 再 才 刚 正 正在 便 即 即使 就是 不过 另外 此外 同样 其他 其它 各 每 所有 任何 许多 很多 多 少 来 去 到 做 进行`;

const ENGLISH = `a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those
he she they them his her their we our you your i me my not no so than then there here what which who whom how why when where will would
can could should may might must do does did has have had about into over after before more most also just only very said says`;

/** The stop word set (Simplified Chinese and English). */
export const STOP_WORDS: ReadonlySet<string> = new Set([...CHINESE.split(/\s+/), ...ENGLISH.split(/\s+/)].filter(Boolean));
