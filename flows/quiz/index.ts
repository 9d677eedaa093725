export { quizContestFlow } from './contest.ts';
export { quizPracticeFlow } from './practice.ts';
