export * from './contract';
export * from './sign-in';
export * from './channels';
